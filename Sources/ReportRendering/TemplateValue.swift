/// A value as a template sees it. View models answer every name a template may use with one of
/// these, so that rendering never asks the runtime what type a value has: the casts to protocol
/// existentials that a reflecting Mustache library makes for every tag were most of the cost of
/// rendering a report.
enum TemplateValue {
    /// Not there: an absent optional, or a name the model does not have. A lookup goes on to the
    /// enclosing sections, as Mustache does for missing values.
    case absent
    case text(String)
    case number(Int)
    /// Opens a section without becoming its context.
    case flag(Bool)
    /// A view model: a section pushes it, so that its names come first inside.
    case object(any TemplateValues)
    /// A section renders once per element, with the element pushed.
    case list(any TemplateList)

    init(_ text: String?) {
        self = text.map(TemplateValue.text) ?? .absent
    }

    init(_ number: Int?) {
        self = number.map(TemplateValue.number) ?? .absent
    }

    init(_ flag: Bool) {
        self = .flag(flag)
    }

    init(_ model: some TemplateValues) {
        self = .object(model)
    }

    init(_ models: [some TemplateValues]) {
        self = .list(models)
    }
}

/// A list of view models that a section iterates, without boxing the whole list into a new array.
protocol TemplateList {
    var isEmpty: Bool { get }
    /// Calls `body` with each element as a context.
    func forEachContext(_ body: (TemplateValue) -> Void)
}

extension Array: TemplateList where Element: TemplateValues {
    func forEachContext(_ body: (TemplateValue) -> Void) {
        for element in self { body(.object(element)) }
    }
}
