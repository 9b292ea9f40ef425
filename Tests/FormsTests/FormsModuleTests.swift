import Forms
import Testing

@Suite struct FormsModuleTests {
    @Test func moduleLinks() { _ = Forms.self }
}
