/// Where the tool writes: results on standard output, notes and errors on standard error.
public protocol Console: Sendable {
    /// A line of results (the table, JSON lines, what a replay did).
    func output(_ line: String)
    /// A line for the operator that is not a result (notes, warnings, errors).
    func diagnostic(_ line: String)
}
