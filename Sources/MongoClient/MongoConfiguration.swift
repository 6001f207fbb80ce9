/// How to reach MongoDB and how patient to be.
public struct MongoConfiguration: Sendable {
    /// A MongoDB connection string, e.g. `mongodb://127.0.0.1:27099/chorus`. Its path names the
    /// default database. Options in it (socketTimeoutMS, appname, …) win over the fields below.
    public var url: String
    /// Connections (one libmongoc client each), and threads running their blocking calls.
    public var poolSize: Int
    /// How long a call waits for a free connection before failing with `poolExhausted`.
    public var acquireTimeout: Duration
    /// Default deadline of one call, from getting a connection to its decoded result.
    public var operationTimeout: Duration
    /// libmongoc's socketTimeoutMS: how long a blocked read or write on a socket may last. It
    /// bounds how long a call that missed its Swift deadline keeps its connection busy.
    public var socketTimeout: Duration
    /// libmongoc's serverSelectionTimeoutMS: how long to look for a usable server.
    public var serverSelectionTimeout: Duration
    /// libmongoc's connectTimeoutMS.
    public var connectTimeout: Duration
    /// Sent in the handshake (visible in server logs); set in the URL only, never twice.
    public var appName: String

    public init(
        url: String,
        poolSize: Int = 8,
        acquireTimeout: Duration = .seconds(5),
        operationTimeout: Duration = .seconds(10),
        socketTimeout: Duration = .seconds(15),
        serverSelectionTimeout: Duration = .seconds(5),
        connectTimeout: Duration = .seconds(3),
        appName: String = "chorus"
    ) {
        self.url = url
        self.poolSize = poolSize
        self.acquireTimeout = acquireTimeout
        self.operationTimeout = operationTimeout
        self.socketTimeout = socketTimeout
        self.serverSelectionTimeout = serverSelectionTimeout
        self.connectTimeout = connectTimeout
        self.appName = appName
    }
}
