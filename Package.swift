// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Chorus",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "chorus", targets: ["chorus"]),
        .library(name: "GraphQLLanguage", targets: ["GraphQLLanguage"]),
        .library(name: "GraphQLSchema", targets: ["GraphQLSchema"]),
        .library(name: "GraphQLValidation", targets: ["GraphQLValidation"]),
        .library(name: "GraphQLExecution", targets: ["GraphQLExecution"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // The engine: depends on nothing but the standard library.
        .target(name: "GraphQLLanguage", exclude: ["README.md"]),
        .target(name: "GraphQLSchema", dependencies: ["GraphQLLanguage"], exclude: ["README.md"]),
        .target(
            name: "GraphQLValidation", dependencies: ["GraphQLLanguage", "GraphQLSchema"], exclude: ["README.md"]),
        // Per-request batched loading: knows nothing of GraphQL or any store.
        .target(name: "Batching", exclude: ["README.md"]),
        .target(
            name: "GraphQLExecution",
            dependencies: ["GraphQLLanguage", "GraphQLSchema", "GraphQLValidation", "Batching"]
        ),

        // The stores: Swift clients over the C libraries. They know nothing of GraphQL.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(
            name: "CMongoC", pkgConfig: "libmongoc-1.0", providers: [.apt(["libmongoc-dev", "libbson-dev"])]),
        .target(
            name: "StoreSupport",
            dependencies: [
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "PostgresClient",
            dependencies: [
                "CLibPQ", "StoreSupport",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"]
        ),
        .target(name: "PostgresMigrations", dependencies: ["PostgresClient"], exclude: ["README.md"]),
        .target(
            name: "RedisClient",
            dependencies: [
                "CHiredis", "StoreSupport",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "MongoClient",
            dependencies: [
                "CMongoC", "StoreSupport",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"]
        ),
        .target(name: "MongoSchema", dependencies: ["MongoClient"], exclude: ["README.md"]),
        .target(
            name: "Seed", dependencies: ["PostgresClient", "PostgresMigrations", "MongoClient", "MongoSchema"],
            exclude: ["README.md"]),

        // The unified schema bound to the stores: resolvers, loaders, cache, mutations.
        .target(
            name: "Gateway",
            dependencies: [
                "GraphQLLanguage", "GraphQLSchema", "GraphQLValidation", "GraphQLExecution", "Batching",
                "PostgresClient", "MongoClient", "RedisClient", "StoreSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            // The SDL files (`schema/` at the root links here) ship with the binary.
            resources: [.copy("SDL")]
        ),

        // The HTTP edge: GraphQL over HTTP, /health, /metrics, the playground page.
        .target(
            name: "Server",
            dependencies: [
                "GraphQLLanguage",
                "GraphQLSchema",
                "GraphQLValidation",
                "GraphQLExecution",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"],
            // The playground's files (`playground/` at the root links here) ship with the binary.
            resources: [.copy("Playground")]
        ),

        // The command-line tool.
        .executableTarget(
            name: "chorus",
            dependencies: [
                "GraphQLLanguage",
                "GraphQLSchema",
                "GraphQLValidation",
                "GraphQLExecution",
                "Gateway",
                "Server",
                "Seed",
                "PostgresClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // libFuzzer targets, built with `--sanitize=fuzzer` by scripts/fuzz.
        .executableTarget(name: "fuzz-parser", dependencies: ["GraphQLLanguage"]),
        .executableTarget(
            name: "fuzz-execute",
            dependencies: ["GraphQLLanguage", "GraphQLSchema", "GraphQLValidation", "GraphQLExecution"]),
        // Latency of batched lookups against the real stores (BENCHMARKS.md).
        .executableTarget(name: "stores-bench", dependencies: ["PostgresClient", "RedisClient"]),

        .testTarget(name: "GraphQLLanguageTests", dependencies: ["GraphQLLanguage"]),
        .testTarget(name: "GraphQLSchemaTests", dependencies: ["GraphQLLanguage", "GraphQLSchema"]),
        .testTarget(
            name: "GraphQLValidationTests",
            dependencies: ["GraphQLLanguage", "GraphQLSchema", "GraphQLValidation"],
            exclude: ["cases.mjs", "generate-expectations.mjs"]
        ),
        .testTarget(name: "BatchingTests", dependencies: ["Batching"]),
        .testTarget(
            name: "GraphQLExecutionTests",
            dependencies: ["GraphQLExecution", "GraphQLLanguage", "GraphQLSchema", "Batching"]
        ),
        .testTarget(
            name: "DifferentialTests",
            dependencies: ["GraphQLLanguage", "GraphQLSchema", "GraphQLValidation", "GraphQLExecution"]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server",
                "GraphQLLanguage",
                "GraphQLSchema",
                "GraphQLValidation",
                "GraphQLExecution",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The playground's JavaScript against graphql-js, run with node by PlaygroundRoutesTests.
            exclude: ["Playground"]
        ),
        // `chorus serve` as a process, over HTTP, against the real stack.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Gateway", "PostgresClient", "MongoClient", "MongoSchema", "RedisClient", "StoreTestSupport",
            ],
            exclude: ["Browser"]),
        .testTarget(name: "StoreSupportTests", dependencies: ["StoreSupport"]),
        // Helpers for tests that start servers of their own.
        .target(name: "StoreTestSupport", path: "Tests/StoreTestSupport"),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "StoreSupport", "StoreTestSupport"]),
        .testTarget(name: "PostgresMigrationsTests", dependencies: ["PostgresMigrations", "PostgresClient"]),
        .testTarget(name: "RedisClientTests", dependencies: ["RedisClient", "StoreSupport", "StoreTestSupport"]),
        .testTarget(name: "MongoClientTests", dependencies: ["MongoClient", "MongoSchema", "StoreSupport", "StoreTestSupport"]),
        .testTarget(name: "SeedTests", dependencies: ["Seed", "PostgresClient", "MongoClient"]),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "GraphQLLanguage", "GraphQLSchema", "GraphQLExecution", "PostgresClient", "MongoClient",
                "RedisClient", "PostgresMigrations", "MongoSchema", "Seed", "StoreTestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Every module spells existential types with `any`.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("ExistentialAny")]
}
