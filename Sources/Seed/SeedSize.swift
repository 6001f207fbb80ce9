/// How much data `chorus seed` makes.
public enum SeedSize: String, Sendable, CaseIterable {
    /// A few hundred users: the demo and the tests.
    case small
    /// About 100,000 users and 1,000,000 consultations: benchmarks.
    case large

    /// Row and document counts for this size.
    public var counts: SeedCounts {
        switch self {
        case .small:
            SeedCounts(admins: 3, doctors: 40, patients: 257, consultations: 2_000, posts: 100, commentsPerPost: 4)
        case .large:
            SeedCounts(admins: 20, doctors: 2_000, patients: 97_980, consultations: 1_000_000, posts: 10_000,
                       commentsPerPost: 5)
        }
    }
}

/// The shape of a data set: everything else follows from these and the seed.
public struct SeedCounts: Sendable, Hashable {
    public var admins: Int
    public var doctors: Int
    public var patients: Int
    public var consultations: Int
    public var posts: Int
    /// The mean number of comments on a published post.
    public var commentsPerPost: Int

    public var users: Int { admins + doctors + patients }

    public init(admins: Int, doctors: Int, patients: Int, consultations: Int, posts: Int, commentsPerPost: Int) {
        precondition(doctors > 0 && patients > 0, "a data set needs doctors and patients")
        self.admins = admins
        self.doctors = doctors
        self.patients = patients
        self.consultations = consultations
        self.posts = posts
        self.commentsPerPost = commentsPerPost
    }
}
