/// Why a pattern that parsed cannot be compiled into a rule, and where.
///
/// These are the problems the grammar cannot see but the reference matcher would stumble over at
/// match time (a regular expression that does not compile, an IN list of mixed types, `REPEATS 0`),
/// or that would make matching unsafe on hostile data. Like `PatternSyntaxError`, every message is
/// one line saying what is wrong and how to fix it, and every shape and ID is defined in this file.
public typealias PatternCompileError = PatternProblem

extension PatternCompileError {
    /// A MATCHES operand that is not a regular expression bulletin can run.
    static func badRegex(_ problem: RegexSyntaxError, at offset: Int) -> PatternCompileError {
        PatternCompileError(
            offset: offset,
            message: "invalid regular expression for MATCHES at character \(problem.position + 1): \(problem.reason)",
            id: "pattern.bad-regex")
    }

    /// An ISSUBSET or ISSUPERSET operand that is no address or CIDR block.
    static func badAddressRange(_ text: String, operator name: String, at offset: Int) -> PatternCompileError {
        let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
        return PatternCompileError(
            offset: offset,
            message: "\(name) needs an IPv4 or IPv6 address or CIDR block such as '198.51.100.0/24', found '\(shown)'",
            id: "pattern.bad-cidr")
    }

    /// An IN list whose elements are of different kinds, which the reference matcher refuses.
    static func mixedList(_ first: String, _ other: String, at offset: Int) -> PatternCompileError {
        PatternCompileError(
            offset: offset,
            message: "IN list mixes \(first) and \(other) values; use one kind per list (integers and floats may mix)",
            id: "pattern.mixed-list")
    }

    /// `REPEATS 0 TIMES`, which cannot be satisfied by any observation.
    static func repeatsZero(at offset: Int) -> PatternCompileError {
        PatternCompileError(
            offset: offset, message: "REPEATS needs at least 1, e.g. REPEATS 2 TIMES", id: "pattern.bad-qualifier")
    }

    /// `WITHIN 0 SECONDS`, which the reference matcher refuses.
    static func withinZero(at offset: Int) -> PatternCompileError {
        PatternCompileError(
            offset: offset, message: "WITHIN needs a positive number of seconds, e.g. WITHIN 300 SECONDS",
            id: "pattern.bad-qualifier")
    }

    /// A pattern whose REPEATS counts multiply into more observations than a search can bound.
    static func tooLarge(limit: Int, at offset: Int) -> PatternCompileError {
        PatternCompileError(
            offset: offset,
            message: "pattern needs more than \(limit) observations once REPEATS counts are multiplied out; lower them",
            id: "pattern.too-large")
    }
}

extension PatternCompileError {
    /// An operand the parser should never have let through for its operator.
    static func unexpectedOperand(at offset: Int) -> PatternCompileError {
        PatternCompileError(offset: offset, message: "unexpected operand for this operator", id: "pattern.bad-operand")
    }
}
