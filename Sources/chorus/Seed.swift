import ArgumentParser
import Foundation
import MongoClient
import PostgresClient
import Seed

extension SeedSize: ExpressibleByArgument {}

/// `chorus seed [--size small|large] [--seed N] [--reset]`: loads deterministic demo data.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load deterministic demo data into the stores of DATABASE_URL and MONGODB_URL.",
        discussion: """
            The same --size and --seed always give the same data. Migrations run first. The \
            stores must be empty, unless --reset deletes what the seed's tables and collections hold.
            """)

    @Option(help: "small: about 300 users and 2,000 consultations; large: about 100,000 users and 1,000,000 consultations.")
    var size: SeedSize = .small

    @Option(help: "The seed of the generator.")
    var seed: UInt64 = 1

    @Flag(help: "Delete the seeded tables' and collections' contents first.")
    var reset = false

    @Flag(
        help: """
            Keep the data when both stores already hold a data set (only migrate); seed when both are \
            empty; reseed (as --reset) when only one holds data, as after a MongoDB stand-in started \
            without its data file.
            """)
    var ifEmpty = false

    func validate() throws {
        if reset && ifEmpty { throw ValidationError("--reset and --if-empty contradict each other") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let mongoURL = environment["MONGODB_URL"], !mongoURL.isEmpty else {
            throw ValidationError("MONGODB_URL is not set")
        }
        let postgres = PostgresClient(configuration: try .fromEnvironment(environment))
        let mongo = try MongoPool(configuration: MongoConfiguration(url: mongoURL))
        var reseed = false
        if ifEmpty {
            let seeder = Seeder(postgres: postgres, mongo: mongo.database())
            let occupied: [String]
            do {
                try await seeder.migrate()
                occupied = try await seeder.nonEmptyTargets()
            } catch {
                await postgres.shutdown()
                await mongo.shutdown()
                throw error
            }
            let seededPostgres = occupied.contains("users")
            let seededMongo = occupied.contains("medical_records")
            if seededPostgres && seededMongo {
                print("already seeded (\(occupied.joined(separator: ", ")) hold data): leaving the data as it is")
                await postgres.shutdown()
                await mongo.shutdown()
                return
            }
            if !occupied.isEmpty {
                print("only \(seededPostgres ? "PostgreSQL" : "MongoDB") holds data (\(occupied.joined(separator: ", "))): reseeding both")
                reseed = true
            }
        }
        let started = ContinuousClock.now
        let outcome: Result<SeedReport, any Error>
        do {
            outcome = .success(try await Seeder(postgres: postgres, mongo: mongo.database()).run(
                size: size, seed: seed, reset: reset || reseed))
        } catch {
            outcome = .failure(error)
        }
        await postgres.shutdown()
        await mongo.shutdown()
        switch outcome {
        case .success(let report):
            let elapsed = started.duration(to: .now)
            print("seeded \(size.rawValue) data set, seed \(seed):")
            for (name, count) in report.tables { print("  postgresql \(name): \(count)") }
            for (name, count) in report.collections { print("  mongodb \(name): \(count)") }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("elapsed: \(String(format: "%.1f", seconds)) s")
        case .failure(let error as SeedError):
            FileHandle.standardError.write(Data("chorus seed: \(error)\n".utf8))
            throw ExitCode(1)
        case .failure(let error):
            throw error
        }
    }
}
