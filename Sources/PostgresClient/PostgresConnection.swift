import CLibPQ
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import StoreSupport
import Synchronization

/// One libpq connection, used by one caller at a time.
///
/// libpq's rule (manual, 34.19 "Behavior in Threaded Programs"): "no two threads attempt to
/// manipulate the same PGconn object at the same time. In particular, you cannot issue
/// concurrent commands from different threads through the same connection object." The pool
/// leases a connection to one caller, and the handle also sits in a `Mutex`, so even a misuse
/// is serialized. Every method blocks: call them on the client's `BlockingExecutor` only.
///
/// Calls use libpq's asynchronous functions (`PQsendQueryParams`, `PQconsumeInput`) and
/// `poll(2)`, so that a call can stop at its deadline: the server is then asked to cancel the
/// statement (`PQcancel`), and the connection stays usable once it has answered.
final class PostgresConnection: PoolableConnection {
    struct Limits: Sendable {
        var maximumParameterBytes: Int
        var statementCacheCapacity: Int
        var cancelGracePeriod: Duration
    }

    struct Handle {
        var connection: OpaquePointer?
        /// Prepared statement names by parameter types and SQL text.
        var statements: [String: String] = [:]
        var isBroken = false
    }

    let handle: Mutex<Handle>
    let limits: Limits

    private init(connection: sending OpaquePointer, limits: Limits) {
        handle = Mutex(Handle(connection: connection))
        self.limits = limits
    }

    deinit { close() }

    // MARK: - Opening and closing

    /// Opens a connection to `url` (a libpq connection URI or keyword string), giving up at `deadline`.
    static func connect(url: String, deadline: Deadline, limits: Limits) throws(PostgresError) -> PostgresConnection {
        // Later keywords override earlier ones: the URL may set application_name, but the
        // client encoding is always UTF-8, because Swift strings are.
        let keywords = ["application_name", "dbname", "client_encoding"]
        let values = ["chorus", url, "UTF8"]
        let started = withCStrings(keywords) { keywords in
            withCStrings(values) { values in PQconnectStartParams(keywords, values, 1) }
        }
        guard let connection = started else { throw .connectionFailed(message: "libpq could not allocate a connection") }
        if PQstatus(connection) == CONNECTION_BAD {
            let message = errorMessage(connection)
            PQfinish(connection)
            throw .connectionFailed(message: message)
        }
        var polling = PGRES_POLLING_WRITING
        while polling != PGRES_POLLING_OK {
            if polling == PGRES_POLLING_FAILED {
                let message = errorMessage(connection)
                PQfinish(connection)
                throw .connectionFailed(message: message)
            }
            let socket = PQsocket(connection)
            if socket >= 0 {
                let interest: SocketInterest = polling == PGRES_POLLING_READING ? .readable : .writable
                if !SocketWait.wait(for: interest, on: socket, until: deadline) {
                    PQfinish(connection)
                    throw .connectionFailed(message: "timed out while connecting")
                }
            }
            polling = PQconnectPoll(connection)
        }
        // Notices (such as "relation already exists, skipping") would go to stderr.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        return PostgresConnection(connection: connection, limits: limits)
    }

    func close() {
        handle.withLock { handle in
            if let connection = handle.connection { PQfinish(connection) }
            handle.connection = nil
        }
    }

    /// Usable when open, outside any transaction, and silent since its last call: an idle
    /// connection with input pending has been told goodbye by a restarting server (or was
    /// closed by it), because this client never LISTENs.
    var isReusable: Bool {
        handle.withLock { handle in
            guard let connection = handle.connection, !handle.isBroken,
                PQstatus(connection) == CONNECTION_OK,
                PQtransactionStatus(connection) == PQTRANS_IDLE
            else { return false }
            return !SocketWait.hasPendingInput(on: PQsocket(connection))
        }
    }

    // MARK: - Statements

    /// Runs one statement with parameters, results in binary format.
    /// `prepared`: prepare it once per connection and reuse it on later calls.
    /// `cancelGrace`: how long a statement cancelled at its deadline may take to end before the
    /// connection is given up (`awaitResult`); nil for the configured grace period.
    func query(
        _ sql: String, _ parameters: [PostgresValue], prepared: Bool, deadline: Deadline, timeout: Duration,
        cancellation: CancellationFlag? = nil, cancelGrace: Duration? = nil
    ) throws(PostgresError) -> PostgresRows {
        let types = parameters.map { $0.dataType.rawValue }
        let texts = try encode(parameters)
        return try handle.withLock { (handle) throws(PostgresError) -> PostgresRows in
            let connection = try open(&handle)
            var statement: String? = nil
            if prepared {
                statement = try preparedStatement(sql, types: types, handle: &handle, connection: connection,
                                                  deadline: deadline, timeout: timeout, cancelGrace: cancelGrace)
            }
            let sent = withOptionalCStrings(texts) { values in
                if let statement {
                    PQsendQueryPrepared(connection, statement, Int32(texts.count), values, nil, nil, 1)
                } else {
                    PQsendQueryParams(connection, sql, Int32(texts.count), types, values, nil, nil, 1)
                }
            }
            guard sent == 1 else { throw lost(&handle, connection) }
            let result = try awaitResult(
                &handle, connection, deadline: deadline, timeout: timeout, cancellation: cancellation,
                cancelGrace: cancelGrace)
            defer { PQclear(result) }
            return try Self.rows(of: result)
        }
    }

    /// Runs SQL text that may hold several statements and no parameters (migrations, DDL).
    func execute(
        unsafeSQL sql: String, deadline: Deadline, timeout: Duration, cancelGrace: Duration? = nil
    ) throws(PostgresError) {
        try handle.withLock { (handle) throws(PostgresError) in
            let connection = try open(&handle)
            guard PQsendQuery(connection, sql) == 1 else { throw lost(&handle, connection) }
            PQclear(try awaitResult(&handle, connection, deadline: deadline, timeout: timeout, cancelGrace: cancelGrace))
        }
    }

    /// Runs `COPY … FROM STDIN` and streams `rows` in COPY's text format.
    func copy(
        _ sql: String, rows: [[PostgresValue]], deadline: Deadline, timeout: Duration
    ) throws(PostgresError) -> Int {
        try handle.withLock { (handle) throws(PostgresError) -> Int in
            let connection = try open(&handle)
            guard PQsendQueryParams(connection, sql, 0, nil, nil, nil, nil, 0) == 1 else {
                throw lost(&handle, connection)
            }
            let start = try awaitResult(&handle, connection, deadline: deadline, timeout: timeout, until: PGRES_COPY_IN)
            PQclear(start)
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << 16)
            var abort: PostgresError? = nil
            rowLoop: for (rowNumber, row) in rows.enumerated() {
                for (columnNumber, value) in row.enumerated() {
                    if columnNumber > 0 { chunk.append(UInt8(ascii: "\t")) }
                    do throws(PostgresValue.EncodingFailure) {
                        chunk.append(contentsOf: try value.copyField().utf8)
                    } catch {
                        abort = .invalidParameter(index: columnNumber + 1, reason: "row \(rowNumber + 1): \(error.reason)")
                        break rowLoop
                    }
                }
                chunk.append(UInt8(ascii: "\n"))
                if chunk.count >= 1 << 16 {
                    if deadline.remaining == .zero { abort = .timeout(after: timeout); break }
                    guard put(chunk, connection) else { throw lost(&handle, connection) }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if let abort {
                // Ending COPY with an error message makes the server roll the COPY back.
                PQputCopyEnd(connection, "aborted by the client")
                _ = try? awaitResult(&handle, connection, deadline: .after(limits.cancelGracePeriod), timeout: timeout)
                throw abort
            }
            guard chunk.isEmpty || put(chunk, connection), PQputCopyEnd(connection, nil) == 1 else {
                throw lost(&handle, connection)
            }
            let result = try awaitResult(&handle, connection, deadline: deadline, timeout: timeout)
            defer { PQclear(result) }
            return Int(String(cString: PQcmdTuples(result))) ?? 0
        }
    }

    // MARK: - Internals

    func open(_ handle: inout Handle) throws(PostgresError) -> OpaquePointer {
        guard let connection = handle.connection, !handle.isBroken else {
            throw .connectionLost(message: "the connection was closed")
        }
        return connection
    }

    func encode(_ parameters: [PostgresValue]) throws(PostgresError) -> [String?] {
        var texts: [String?] = []
        texts.reserveCapacity(parameters.count)
        for (index, parameter) in parameters.enumerated() {
            let text: String?
            do { text = try parameter.textFormat() } catch {
                throw .invalidParameter(index: index + 1, reason: error.reason)
            }
            if let text, text.utf8.count > limits.maximumParameterBytes {
                throw .invalidParameter(
                    index: index + 1,
                    reason: "its \(text.utf8.count) bytes exceed the limit of \(limits.maximumParameterBytes) bytes")
            }
            texts.append(text)
        }
        return texts
    }

    private func preparedStatement(
        _ sql: String, types: [UInt32], handle: inout Handle, connection: OpaquePointer,
        deadline: Deadline, timeout: Duration, cancelGrace: Duration?
    ) throws(PostgresError) -> String? {
        let key = Self.statementKey(sql, types: types)
        if let name = handle.statements[key] { return name }
        // A full cache falls back to unnamed statements rather than evicting: the common
        // statements were prepared first and stay.
        guard handle.statements.count < limits.statementCacheCapacity else { return nil }
        let name = "chorus_\(handle.statements.count + 1)"
        guard PQsendPrepare(connection, name, sql, Int32(types.count), types) == 1 else {
            throw lost(&handle, connection)
        }
        PQclear(try awaitResult(&handle, connection, deadline: deadline, timeout: timeout, cancelGrace: cancelGrace))
        handle.statements[key] = name
        return name
    }

    /// The prepared-statement cache's key: the parameter types and the SQL text.
    static func statementKey(_ sql: String, types: [UInt32]) -> String {
        types.map(String.init).joined(separator: ",") + "|" + sql
    }

    private func put(_ chunk: [UInt8], _ connection: OpaquePointer) -> Bool {
        chunk.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                PQputCopyData(connection, $0.baseAddress, Int32($0.count)) == 1
            }
        }
    }

    /// How long a call waits for the server, and whether it has asked the server to cancel.
    /// A pipeline keeps one across the results of all its statements.
    struct ResultWait {
        var until: Deadline
        /// How long a cancelled statement may take to end.
        var grace: Duration
        var cancelled = false
        var cancelledByTask = false
        /// The cancel request sent, once there is one.
        var cancelRequest: CancelRequest?

        init(deadline: Deadline, grace: Duration) {
            until = deadline
            self.grace = grace
        }
    }

    /// Reads results until libpq has none left and returns the last one (the caller clears
    /// it); the first error wins. Stops early at a result of status `until` (COPY IN).
    /// At the deadline, or when `cancellation` is set (checked every 100 ms), asks the server
    /// to cancel and waits a grace period (`cancelGrace`, else the configured one) for its
    /// answer; a server that does not answer leaves the connection broken. A grace of zero
    /// gives the connection up at once: for a transaction, which closing it rolls back.
    private func awaitResult(
        _ handle: inout Handle, _ connection: OpaquePointer, deadline: Deadline, timeout: Duration,
        until stopStatus: ExecStatusType? = nil, cancellation: CancellationFlag? = nil, cancelGrace: Duration? = nil
    ) throws(PostgresError) -> OpaquePointer {
        var wait = ResultWait(deadline: deadline, grace: cancelGrace ?? limits.cancelGracePeriod)
        return try awaitResult(
            &handle, connection, wait: &wait, timeout: timeout, until: stopStatus, cancellation: cancellation)
    }

    func awaitResult(
        _ handle: inout Handle, _ connection: OpaquePointer, wait: inout ResultWait, timeout: Duration,
        until stopStatus: ExecStatusType? = nil, cancellation: CancellationFlag? = nil
    ) throws(PostgresError) -> OpaquePointer {
        // A cancel the server has not acknowledged may still arrive, and would end whatever
        // statement the connection ran next: such a connection runs none. (On a server that
        // answers, the acknowledgement comes a moment after the statement's end.)
        defer {
            if let request = wait.cancelRequest, !request.waitForAcknowledgement(until: wait.until) {
                handle.isBroken = true
            }
        }
        var last: OpaquePointer? = nil
        var failure: PostgresError? = nil
        while true {
            while PQisBusy(connection) == 1 {
                let slice = cancellation == nil || wait.cancelled ? wait.until : min(wait.until, .after(.milliseconds(100)))
                if !SocketWait.wait(for: .readable, on: PQsocket(connection), until: slice) {
                    if !wait.cancelled, cancellation?.isSet == true {
                        wait.cancelRequest = Self.requestCancel(connection)
                        wait.cancelled = true
                        wait.cancelledByTask = true
                        wait.until = .after(wait.grace)
                        continue
                    }
                    if slice < wait.until { continue }
                    if wait.cancelled {
                        handle.isBroken = true
                        if let last { PQclear(last) }
                        throw wait.cancelledByTask ? .cancelled : .timeout(after: timeout)
                    }
                    wait.cancelRequest = Self.requestCancel(connection)
                    wait.cancelled = true
                    wait.until = .after(wait.grace)
                    continue
                }
                if PQconsumeInput(connection) == 0 {
                    if let last { PQclear(last) }
                    throw lost(&handle, connection)
                }
            }
            guard let result = PQgetResult(connection) else { break }
            let status = PQresultStatus(result)
            if status == stopStatus {
                if let last { PQclear(last) }
                return result
            }
            switch status {
            case PGRES_FATAL_ERROR:
                if failure == nil { failure = .server(Self.serverError(result)) }
                PQclear(result)
            case PGRES_COPY_IN:
                PQclear(result)
                PQputCopyEnd(connection, "COPY FROM STDIN goes through PostgresClient.copy")
                if failure == nil { failure = .protocolViolation("COPY FROM STDIN goes through copy(into:columns:rows:)") }
            case PGRES_COPY_OUT, PGRES_COPY_BOTH:
                PQclear(result)
                handle.isBroken = true
                if let last { PQclear(last) }
                throw .protocolViolation("COPY TO STDOUT is not supported")
            default:
                if let last { PQclear(last) }
                last = result
            }
        }
        if PQstatus(connection) != CONNECTION_OK {
            if let last { PQclear(last) }
            throw lost(&handle, connection)
        }
        if let failure {
            if let last { PQclear(last) }
            if wait.cancelled && failure.sqlState == .queryCanceled {
                throw wait.cancelledByTask ? .cancelled : .timeout(after: timeout)
            }
            throw failure
        }
        guard let last else { throw .protocolViolation("the server sent no result") }
        return last
    }

    func lost(_ handle: inout Handle, _ connection: OpaquePointer) -> PostgresError {
        handle.isBroken = true
        return .connectionLost(message: Self.errorMessage(connection))
    }

    /// Asks the server to cancel the statement running on `connection`, from a thread of its
    /// own. `PQcancel` waits for the server to acknowledge, with no timeout: a server that has
    /// stopped answering (suspended, swapping, cut off by the network) would otherwise hold the
    /// call, and its thread, past the deadline for as long as it stays silent. The call still
    /// waits its grace period for the statement to end. A `PGcancel` is independent of its
    /// connection (libpq, 34.7 "Canceling Queries in Progress"), so the connection may be
    /// closed while the request is under way.
    private static func requestCancel(_ connection: OpaquePointer) -> CancelRequest {
        let request = CancelRequest(PQgetCancel(connection))
        Thread { request.send() }.start()
        return request
    }

    static func errorMessage(_ connection: OpaquePointer) -> String {
        guard let message = PQerrorMessage(connection) else { return "unknown error" }
        let text = String(cString: message).trimmingTrailingNewlines
        return text.isEmpty ? "unknown error" : text
    }

    private static func serverError(_ result: OpaquePointer) -> PostgresServerError {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        return PostgresServerError(
            sqlState: SQLState(rawValue: field("C") ?? "XX000"),
            severity: field("V") ?? field("S") ?? "ERROR",
            message: field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines,
            detail: field("D"), hint: field("H"), constraint: field("n"), table: field("t"), column: field("c"))
    }

    static func rows(of result: OpaquePointer) throws(PostgresError) -> PostgresRows {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { column in
            PostgresColumn(
                name: String(cString: PQfname(result, Int32(column))),
                dataType: PostgresDataType(rawValue: PQftype(result, Int32(column))))
        }
        var values: [PostgresValue] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(.null)
                    continue
                }
                let bytes = UnsafeRawBufferPointer(
                    start: PQgetvalue(result, row, column), count: Int(PQgetlength(result, row, column)))
                do {
                    values.append(try PostgresValue.decodeBinary(bytes, as: columns[Int(column)].dataType))
                } catch {
                    throw .decoding(column: columns[Int(column)].name, reason: error.reason)
                }
            }
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? rowCount
        return PostgresRows(columns: columns, values: values, affectedRows: affected)
    }
}

// MARK: - C strings

/// Calls `body` with NULL-terminated C copies of `strings`, valid only during the call.
func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    withOptionalCStrings(strings, body)
}

/// Like `withCStrings`, with `nil` passed as a NULL pointer (libpq's SQL NULL parameter).
func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { string in string.map { strdup($0)! } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { UnsafePointer($0) } + [nil])
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last?.isNewline == true { text = text.dropLast() }
        return String(text)
    }
}

extension PostgresValue.EncodingFailure {
    var reason: String {
        switch self {
        case .nulCharacter: "it contains a NUL character (U+0000), which PostgreSQL text cannot store; send bytes as bytea"
        case .unknownType(let type): "values of \(type) cannot be sent back; cast them to text in SQL"
        case .nestedArray: "arrays of arrays are not supported"
        }
    }
}

extension PostgresValue.DecodingFailure {
    var reason: String {
        switch self {
        case .malformed(let type, let count): "\(count) bytes are not a valid binary \(type)"
        case .invalidUTF8(let type): "the \(type) value is not valid UTF-8"
        case .multidimensionalArray(let dimensions): "\(dimensions)-dimensional arrays are not supported"
        }
    }
}

/// One cancel request (`PQcancel`), sent once from whichever thread calls `send()`.
final class CancelRequest: @unchecked Sendable {
    // The PGcancel is only touched by `send()`, which runs once.
    private let cancel: OpaquePointer?
    private let acknowledged = Atomic<Bool>(false)

    init(_ cancel: OpaquePointer?) {
        self.cancel = cancel
    }

    /// Whether the server has received the request (or there was nothing to send), waiting
    /// for it until `deadline`.
    func waitForAcknowledgement(until deadline: Deadline) -> Bool {
        while !acknowledged.load(ordering: .acquiring) {
            guard deadline.remaining > .zero else { return false }
            usleep(1_000)
        }
        return true
    }

    /// Sends the request and waits for the server's acknowledgement.
    func send() {
        if let cancel {
            var reason = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancel, &reason, Int32(reason.count))
            PQfreeCancel(cancel)
        }
        acknowledged.store(true, ordering: .releasing)
    }
}
