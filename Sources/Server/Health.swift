import GraphQLExecution
import GraphQLSchema
import Hummingbird

/// `/health`: each store's state, `200` when every store is up and `503` otherwise, so a
/// load balancer can take the instance out of rotation.
///
/// ```json
/// {"status":"down","stores":[
///   {"name":"postgres","status":"up","latencyMs":0.8,"error":null},
///   {"name":"redis","status":"down","latencyMs":null,"error":"connection refused"}]}
/// ```
func healthResponse(_ stores: [StoreStatus]) -> Response {
    let allUp = stores.allSatisfy(\.isUp)
    let body: CoercedValue = .object([
        .init(name: "status", value: .string(allUp ? "up" : "down")),
        .init(name: "stores", value: .list(stores.map(\.jsonValue))),
    ])
    return Response(
        status: allUp ? .ok : .serviceUnavailable,
        headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: JSON.serialize(body))))
}

extension StoreStatus {
    var jsonValue: CoercedValue {
        .object([
            .init(name: "name", value: .string(name)),
            .init(name: "status", value: .string(isUp ? "up" : "down")),
            .init(name: "latencyMs", value: latency.map { .float($0.milliseconds) } ?? .null),
            .init(name: "error", value: error.map { .string($0) } ?? .null),
        ])
    }
}

extension Duration {
    /// The duration in milliseconds, to the microsecond.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        return Double(microseconds) / 1000
    }
}
