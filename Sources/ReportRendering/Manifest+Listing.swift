extension Manifest {
    /// Every organisation's files, in path order, read from the summaries one at a time.
    ///
    /// Taking the summaries in id order gives path order unless an id is a prefix of another
    /// followed by a character before `/` (`acme-2` sorts after `acme`, but its folder before);
    /// only then is an order of positions sorted, four bytes per file rather than a copy of
    /// every entry.
    struct OrganisationFiles: Sequence {
        let summaries: [OrganisationSummary]
        /// (summary, file) positions in path order, or `nil` when the summaries' order is it.
        let order: [(summary: Int32, file: Int32)]?

        init(_ summaries: [OrganisationSummary]) {
            self.summaries = summaries
            var previous: String?
            var inOrder = true
            search: for summary in summaries {
                for path in summary.filePaths {
                    if let previous, path < previous {
                        inOrder = false
                        break search
                    }
                    previous = path
                }
            }
            guard !inOrder else {
                order = nil
                return
            }
            var positions: [(summary: Int32, file: Int32)] = []
            for (summary, files) in summaries.lazy.map(\.files).enumerated() {
                for file in files.indices { positions.append((Int32(summary), Int32(file))) }
            }
            func path(_ position: (summary: Int32, file: Int32)) -> String {
                let summary = summaries[Int(position.summary)]
                return summary.path(of: summary.files[Int(position.file)])
            }
            positions.sort { path($0) < path($1) }
            order = positions
        }

        /// The manifest entry of one file, made when it is written.
        func entry(_ summary: Int, _ file: Int) -> Entry {
            let summary = summaries[summary]
            let file = summary.files[file]
            return Entry(path: summary.path(of: file), sha256: file.sha256.hex, size: file.size)
        }

        func makeIterator() -> Iterator {
            Iterator(files: self)
        }

        struct Iterator: IteratorProtocol {
            let files: OrganisationFiles
            var summary = 0
            var file = 0

            init(files: OrganisationFiles) {
                self.files = files
            }

            mutating func next() -> Entry? {
                if let order = files.order {
                    guard summary < order.count else { return nil }
                    defer { summary += 1 }
                    let position = order[summary]
                    return files.entry(Int(position.summary), Int(position.file))
                }
                while summary < files.summaries.count {
                    if file < files.summaries[summary].files.count {
                        defer { file += 1 }
                        return files.entry(summary, file)
                    }
                    summary += 1
                    file = 0
                }
                return nil
            }
        }
    }

    /// Two lists of entries sorted by path, as one; on equal paths the first list's entry comes
    /// first, as a stable sort of the two joined would have it.
    struct MergedEntries<First: Sequence<Entry>, Second: Sequence<Entry>>: Sequence, IteratorProtocol {
        var first: First.Iterator
        var second: Second.Iterator
        var nextFirst: Entry?
        var nextSecond: Entry?

        init(_ first: First, _ second: Second) {
            self.first = first.makeIterator()
            self.second = second.makeIterator()
            nextFirst = self.first.next()
            nextSecond = self.second.next()
        }

        mutating func next() -> Entry? {
            switch (nextFirst, nextSecond) {
            case (nil, nil):
                return nil
            case (let entry?, nil):
                nextFirst = first.next()
                return entry
            case (nil, let entry?):
                nextSecond = second.next()
                return entry
            case (let one?, let other?):
                if other.path < one.path {
                    nextSecond = second.next()
                    return other
                }
                nextFirst = first.next()
                return one
            }
        }
    }
}
