/// Whether a description can be written as a block string and read back unchanged, as
/// graphql-js's `isPrintableAsBlockString` decides: no control characters (other than tab and
/// line feed), no carriage return, no leading or trailing blank line, and no indentation
/// common to every line after the first (which reading would strip).
func isPrintableAsBlockString(_ value: String) -> Bool {
    if value.isEmpty { return true }
    var isEmptyLine = true
    var hasIndent = false
    var hasCommonIndent = true
    var seenNonEmptyLine = false
    for unit in value.utf16 {
        switch unit {
        case 0x00...0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x0D:
            return false
        case 0x0A:
            if isEmptyLine && !seenNonEmptyLine { return false }
            seenNonEmptyLine = true
            isEmptyLine = true
            hasIndent = false
        case 0x09, 0x20:
            if !hasIndent { hasIndent = isEmptyLine }
        default:
            if hasCommonIndent { hasCommonIndent = hasIndent }
            isEmptyLine = false
        }
    }
    if isEmptyLine { return false }
    if hasCommonIndent && seenNonEmptyLine { return false }
    return true
}
