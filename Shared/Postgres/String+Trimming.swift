extension Substring {
    /// Without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> Substring {
        var slice = self
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}

extension String {
    /// Without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> Substring { self[...].trimmingWhitespace() }
}
