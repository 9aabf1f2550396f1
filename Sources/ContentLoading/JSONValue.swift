/// One value of a parsed document, as the scan readers pass it to each other: the document's tape
/// and the value's node.
struct JSONValue {
    let tape: JSONTape
    let index: Int

    var kind: JSONTape.Kind { tape.nodes[index].kind }
    /// Where the value starts in the document.
    var offset: Int { tape.offset(of: index) }

    /// The document's root value.
    init(root tape: JSONTape) {
        self.init(tape: tape, index: 0)
    }

    init(tape: JSONTape, index: Int) {
        self.tape = tape
        self.index = index
    }
}
