import CMongoC
import Logging

/// libmongoc's own log lines (server monitoring, broken streams), sent to swift-log instead of
/// stderr. Installed once, with `mongoc_init`; the handler is a C function, so it reaches this
/// logger as a global rather than through captured state.
let libmongocLogger = Logger(label: "chorus.mongo.libmongoc")

func installLibmongocLogHandler() {
    mongoc_log_set_handler({ level, domain, message, _ in
        let text = message.map { String(cString: $0) } ?? ""
        let metadata: Logger.Metadata = ["domain": "\(domain.map { String(cString: $0) } ?? "")"]
        switch level {
        case MONGOC_LOG_LEVEL_ERROR, MONGOC_LOG_LEVEL_CRITICAL: libmongocLogger.error("\(text)", metadata: metadata)
        case MONGOC_LOG_LEVEL_WARNING: libmongocLogger.warning("\(text)", metadata: metadata)
        case MONGOC_LOG_LEVEL_MESSAGE, MONGOC_LOG_LEVEL_INFO: libmongocLogger.info("\(text)", metadata: metadata)
        case MONGOC_LOG_LEVEL_DEBUG: libmongocLogger.debug("\(text)", metadata: metadata)
        default: libmongocLogger.trace("\(text)", metadata: metadata)
        }
    }, nil)
}
