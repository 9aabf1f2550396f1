/// A view model's names with how to read each: an open-addressing table over `TemplateKey`'s
/// precomputed hash, because a `Dictionary` would hash the name again on every lookup, and a report
/// makes thousands of lookups.
struct TemplateKeys<Model>: Sendable, ExpressibleByDictionaryLiteral {
    typealias Reader = @Sendable (Model) -> TemplateValue

    private let slots: [(key: TemplateKey, read: Reader)?]
    private let mask: Int
    /// Every name, for `ViewModelKeysTests`.
    let names: Set<String>

    init(dictionaryLiteral elements: (String, Reader)...) {
        var size = 8
        while size < elements.count * 3 { size *= 2 }
        var slots: [(key: TemplateKey, read: Reader)?] = Array(repeating: nil, count: size)
        for (name, read) in elements {
            let key = TemplateKey(name)
            var index = key.hash & (size - 1)
            while slots[index] != nil { index = (index + 1) & (size - 1) }
            slots[index] = (key, read)
        }
        self.slots = slots
        mask = size - 1
        names = Set(elements.map(\.0))
    }

    /// The value of `key` in `model`, `.absent` when the model has no such name.
    func value(_ key: TemplateKey, of model: Model) -> TemplateValue {
        var index = key.hash & mask
        while let slot = slots[index] {
            if slot.key == key { return slot.read(model) }
            index = (index + 1) & mask
        }
        return .absent
    }
}
