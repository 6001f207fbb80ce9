import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The browser playground's files (`playground/` at the root links to them), read once at
/// startup and served from memory: `/playground` and `/` answer with `index.html`,
/// `/playground/NAME` with the file of that name.
///
/// Only names found in the folder when the server started are served, so no request path can
/// reach a file outside it. Every answer carries a strict Content-Security-Policy (this origin
/// only), an ETag, and `Cache-Control: no-cache`, so browsers revalidate and get `304`.
public struct PlaygroundFiles: Sendable {
    struct File: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
    }

    let files: [String: File]
    /// Why the folder could not be read, shown instead of the page.
    let problem: String?

    /// The CSP of every playground answer: scripts, styles, fetches and images from this origin only.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon", "json": "application/json; charset=utf-8",
    ]

    /// The files of `directory`, or else of the copy of `playground/` the build puts beside the
    /// executable (`Chorus_Server.resources/Playground`).
    ///
    /// Not `Bundle.module`: its accessor stops the process when the bundle is missing, where a
    /// server should keep serving GraphQL and say which folder it looked for.
    public static func load(from directory: URL? = nil) -> PlaygroundFiles {
        let folder =
            directory
            ?? Bundle.main.executableURL?.deletingLastPathComponent()
            .appendingPathComponent("Chorus_Server.resources/Playground")
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return PlaygroundFiles(
                files: [:],
                problem: "cannot read the playground folder \(folder?.path ?? "beside the executable"); "
                    + "set CHORUS_PLAYGROUND_DIR to the playground/ folder")
        }
        var files: [String: File] = [:]
        for name in names where isServableName(name) {
            let ext = String(name[name.index(after: name.lastIndex(of: ".")!)...]).lowercased()
            guard let contentType = contentTypes[ext],
                let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
            else { continue }
            files[name] = File(
                body: ByteBuffer(bytes: data), contentType: contentType, etag: "\"\(fnv1a(data))\"")
        }
        let problem = files["index.html"] == nil ? "no index.html in the playground folder \(folder.path)" : nil
        return PlaygroundFiles(files: files, problem: problem)
    }

    /// A plain file name: letters, digits, `-`, `_` and one extension; nothing hidden, no separators.
    static func isServableName(_ name: String) -> Bool {
        guard let first = name.first, first != ".", name.contains(".") else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
            && !name.contains("..")
    }

    /// The page itself.
    func page(for request: Request) -> Response {
        guard problem == nil else {
            return Response(
                status: .serviceUnavailable,
                headers: headers(contentType: "text/plain; charset=utf-8", etag: nil),
                body: ResponseBody(byteBuffer: ByteBuffer(string: "The playground is unavailable: \(problem!)\n")))
        }
        return respond(named: "index.html", to: request)
    }

    /// One file by name, `304` when the browser's copy is current, `404` for any other name.
    func respond(named name: String, to request: Request) -> Response {
        guard let file = files[name] else {
            return Response(
                status: .notFound, headers: headers(contentType: "text/plain; charset=utf-8", etag: nil),
                body: ResponseBody(byteBuffer: ByteBuffer(string: "Not found\n")))
        }
        let fields = headers(contentType: file.contentType, etag: file.etag)
        if let tags = request.headers[.ifNoneMatch],
            tags.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == file.etag })
        {
            return Response(status: .notModified, headers: fields)
        }
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: file.body))
    }

    private func headers(contentType: String, etag: String?) -> HTTPFields {
        var fields: HTTPFields = [
            .contentType: contentType,
            .cacheControl: etag == nil ? "no-store" : "no-cache",
            .contentSecurityPolicy: Self.contentSecurityPolicy,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
        ]
        if let etag { fields[.eTag] = etag }
        return fields
    }

    /// FNV-1a, 64 bits, in 16 hex digits: a stable ETag for the bytes of a file.
    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
