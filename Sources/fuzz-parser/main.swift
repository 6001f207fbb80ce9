import GraphQLLanguage

// libFuzzer target: any bytes, parsed as an executable document and as SDL, then printed and
// parsed again. The parser must never crash or hang, and what it prints must parse back to the
// same document. Built and run by scripts/fuzz (swift build --sanitize=fuzzer).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let options = ParseOptions(maxTokens: 2_000, maxDepth: 64)
    guard let document = try? parse(Source(body: text), options: options) else { return 0 }
    let printed = Printer.print(document)
    guard let reparsed = try? parse(Source(body: printed), options: ParseOptions(maxTokens: nil, maxDepth: nil)) else {
        fatalError("the printed document does not parse:\n\(printed)")
    }
    if reparsed != document { fatalError("print then parse changed the document:\n\(printed)") }
    return 0
}
