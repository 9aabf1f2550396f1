extension JSONTape {
    /// What a number node says as an integer.
    enum Integer: Equatable {
        case value(Int)
        /// A whole number beyond 64 bits: `99999999999999999999999`, `1e400`.
        case outOfRange
        /// Not a whole number (`1.5`, `1e-400`), or not a number at all.
        case notInteger
    }

    /// The node's text read exactly as a decimal integer: `-0` is 0, and `1.0` and `2.5e1` are
    /// whole numbers, but no value passes through a `Double`, so none is rounded into range.
    func integer(at index: Int) -> Integer {
        let node = nodes[index]
        guard node.kind == .number, !node.isComplex, node.length <= 18 else { return Self.integer(rawBytes(of: index)) }
        // The common case, checked by the parser: `-`? and at most 18 digits, which fit.
        var value = 0
        var negative = false
        for byte in rawBytes(of: index) {
            if byte == UInt8(ascii: "-") { negative = true } else { value = value &* 10 &+ Int(byte &- UInt8(ascii: "0")) }
        }
        return .value(negative ? -value : value)
    }

    /// The node's number as a finite `Double`, or `nil` (`1e400` is not one).
    func double(at index: Int) -> Double? {
        guard let value = Double(String(decoding: rawBytes(of: index), as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    static func integer(_ text: ArraySlice<UInt8>) -> Integer {
        var index = text.startIndex
        let negative = index < text.endIndex && text[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var digits: [UInt8] = []
        let integerStart = index
        while index < text.endIndex, let digit = decimal(text[index]) {
            digits.append(digit)
            index += 1
        }
        guard index > integerStart else { return .notInteger }
        var scale = 0
        if index < text.endIndex, text[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < text.endIndex, let digit = decimal(text[index]) {
                digits.append(digit)
                scale -= 1
                index += 1
            }
            guard index > fractionStart else { return .notInteger }
        }
        if index < text.endIndex, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentSign = 1
            if index < text.endIndex, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentSign = text[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
            }
            let exponentStart = index
            var exponent = 0
            while index < text.endIndex, let digit = decimal(text[index]) {
                exponent = min(exponent * 10 + Int(digit), 1_000_000)  // saturates: far beyond any Int
                index += 1
            }
            guard index > exponentStart else { return .notInteger }
            scale += exponentSign * exponent
        }
        guard index == text.endIndex else { return .notInteger }
        // value = digits × 10^scale, exactly.
        var significant = digits.drop { $0 == 0 }
        while significant.last == 0 {
            significant.removeLast()
            scale += 1
        }
        if significant.isEmpty { return .value(0) }
        guard scale >= 0 else { return .notInteger }
        guard significant.count + scale <= 19 else { return .outOfRange }
        var magnitude: UInt64 = 0
        for digit in significant + repeatElement(0, count: scale) {
            magnitude = magnitude * 10 + UInt64(digit)  // at most 19 digits: cannot overflow UInt64
        }
        if negative {
            return magnitude <= UInt64(Int.max) + 1 ? .value(Int(truncatingIfNeeded: 0 &- magnitude)) : .outOfRange
        }
        return magnitude <= UInt64(Int.max) ? .value(Int(magnitude)) : .outOfRange
    }

    @inline(__always)
    private static func decimal(_ byte: UInt8) -> UInt8? {
        let digit = byte &- UInt8(ascii: "0")
        return digit < 10 ? digit : nil
    }
}
