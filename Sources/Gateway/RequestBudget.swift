import GraphQLLanguage
import StoreSupport

/// How long one request may still take (`GatewayConfiguration.requestTimeout`).
///
/// Every store call of the request starts with a timeout of what is left of the budget, or
/// `storeTimeout` if that is less, and none starts once the budget has run out: its field
/// fails with `REQUEST_TIMEOUT` at once. So a request whose stores are slow still gets its
/// answer in about its budget, with the fields that did not make it null and explained.
struct RequestBudget: Sendable {
    let total: Duration
    let storeTimeout: Duration
    let deadline: ContinuousClock.Instant

    init(total: Duration, storeTimeout: Duration, start: ContinuousClock.Instant = .now) {
        self.total = total
        self.storeTimeout = storeTimeout
        self.deadline = start.advanced(by: total)
    }

    var remaining: Duration { ContinuousClock.now.duration(to: deadline) }

    /// The longest a wait starting now may take: `limit` (the store timeout unless said
    /// otherwise), or what is left of the budget if less, and never below a millisecond (the
    /// clients read zero as "no timeout"). The one place a timeout is clamped by the budget.
    func timeout(atMost limit: Duration? = nil) -> Duration {
        max(min(limit ?? storeTimeout, remaining), .milliseconds(1))
    }

    /// The timeout of a call to `store` starting now; throws `REQUEST_TIMEOUT` when the budget
    /// is spent.
    func callTimeout(_ store: StoreName) throws(GraphQLError) -> Duration {
        guard remaining > .zero else { throw Self.exhausted(before: store, budget: total) }
        return timeout()
    }

    /// The error of a field whose store call would start after the budget ran out.
    static func exhausted(before store: StoreName, budget: Duration) -> GraphQLError {
        GraphQLError(
            message: "The request used up its time budget of \(budget.secondsDescription) before its call to \(store.displayName).",
            extensions: ["code": "REQUEST_TIMEOUT", "store": store.rawValue])
    }

    /// The error of a whole request that did not finish within its budget.
    static func overrun(_ budget: Duration) -> GraphQLError {
        GraphQLError(
            message: "The request did not finish within its time budget of \(budget.secondsDescription).",
            extensions: ["code": "REQUEST_TIMEOUT"])
    }
}
