import SheetTestSupport
import Testing

@testable import SheetCore

@Suite("Texts numbered by their bytes")
struct TextIndexTests {
    /// Against a dictionary: a text met again has the number it was given, a new one the next number, and after
    /// `capacity` texts the index starts afresh at 0. Texts of every length around the eight-byte steps, sharing
    /// prefixes, so keys differ only in their last bytes.
    @Test func numbersTextsAsADictionaryWould() {
        let capacity = 300
        var index = TextIndex(capacity: capacity)
        var model: [String: Int] = [:]
        var generator = SplitMix64(seed: 0x54_6578_74)
        for _ in 0..<5000 {
            let length = Int(generator.next() % 20)
            let text = "Thôn " + String(repeating: "ộ", count: length / 4) + String(generator.next() % 400)
            let place = index.place(of: text)
            if let number = model[text] {
                #expect(place == .known(number), "\(text)")
            } else {
                if model.count == capacity { model.removeAll() }
                #expect(place == .added(model.count), "\(text)")
                model[text] = model.count
            }
            #expect(index.count == model.count)
        }
    }

    /// Texts equal as Unicode but not as bytes are different texts: a memo of raw cells keeps each spelling.
    @Test func comparesBytesNotCanonicalEquivalence() {
        var index = TextIndex(capacity: 8)
        #expect(index.place(of: "Việt") == .added(0))
        #expect(index.place(of: "Vie\u{0323}\u{0302}t") == .added(1))
        #expect(index.place(of: "Việt") == .known(0))
        #expect(index.place(of: "") == .added(2))
        #expect(index.place(of: "") == .known(2))
        #expect(index.place(of: "12345678") == .added(3))
        #expect(index.place(of: "123456789") == .added(4))
        #expect(index.place(of: "12345678") == .known(3))
    }

    @Test func removeAllForgetsEveryText() {
        var index = TextIndex(capacity: 4)
        _ = index.place(of: "a")
        _ = index.place(of: "b")
        index.removeAll()
        #expect(index.count == 0)
        #expect(index.place(of: "b") == .added(0))
    }

    /// A memo makes a text's value once, gives it back after, and makes it again once it has started afresh.
    @Test func memoMakesEachValueOnce() {
        var memo = TextMemo<Int>(capacity: 3)
        var made: [String] = []
        func value(_ text: String) -> Int {
            memo.value(for: text) { text in
                made.append(text)
                return text.utf8.count
            }
        }
        #expect(["a", "bb", "a", "ccc", "bb"].map(value) == [1, 2, 1, 3, 2])
        #expect(made == ["a", "bb", "ccc"])
        #expect(value("dddd") == 4)  // the fourth text: the memo starts afresh
        #expect(value("a") == 1)
        #expect(made == ["a", "bb", "ccc", "dddd", "a"])
    }
}
