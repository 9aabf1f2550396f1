/// A view model that templates can read: it lists once every name a template may use, with how to
/// read it. `ViewModelKeysTests` checks every list against the model's properties, so that none is
/// forgotten (a forgotten one would render as empty text, silently).
protocol TemplateValues {
    static var templateKeys: TemplateKeys<Self> { get }
    /// The value named `key`, `.absent` when the model has no such name or the value is absent.
    func templateValue(_ key: TemplateKey) -> TemplateValue
}

extension TemplateValues {
    // A requirement with a default, so that each model gets a copy specialised for its own table
    // and a lookup through `any TemplateValues` is one witness call.
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        Self.templateKeys.value(key, of: self)
    }
}
