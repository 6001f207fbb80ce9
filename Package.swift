// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Chorus",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "chorus", targets: ["chorus"]),
        .library(name: "GraphQLLanguage", targets: ["GraphQLLanguage"]),
        .library(name: "GraphQLSchema", targets: ["GraphQLSchema"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The engine: depends on nothing but the standard library.
        .target(name: "GraphQLLanguage", exclude: ["README.md"]),
        .target(name: "GraphQLSchema", dependencies: ["GraphQLLanguage"], exclude: ["README.md"]),
        .target(name: "GraphQLValidation", dependencies: ["GraphQLLanguage", "GraphQLSchema"], exclude: ["README.md"]),
        // Per-request batched loading: knows nothing of GraphQL or any store.
        .target(name: "Batching", exclude: ["README.md"]),
        .target(
            name: "GraphQLExecution",
            dependencies: ["GraphQLLanguage", "GraphQLSchema", "GraphQLValidation", "Batching"]
        ),

        // The command-line tool.
        .executableTarget(
            name: "chorus",
            dependencies: [
                "GraphQLLanguage",
                "GraphQLSchema",
                "GraphQLValidation",
                "GraphQLExecution",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "GraphQLLanguageTests", dependencies: ["GraphQLLanguage"]),
        .testTarget(name: "BatchingTests", dependencies: ["Batching"]),
        .testTarget(name: "GraphQLSchemaTests", dependencies: ["GraphQLLanguage", "GraphQLSchema"]),
        .testTarget(
            name: "GraphQLValidationTests",
            dependencies: ["GraphQLLanguage", "GraphQLSchema", "GraphQLValidation"],
            exclude: ["cases.mjs", "generate-expectations.mjs"]
        ),
        .testTarget(
            name: "GraphQLExecutionTests",
            dependencies: ["GraphQLExecution", "GraphQLLanguage", "GraphQLSchema", "Batching"]
        ),
        .testTarget(
            name: "DifferentialTests",
            dependencies: ["GraphQLLanguage", "GraphQLSchema", "GraphQLValidation", "GraphQLExecution"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
