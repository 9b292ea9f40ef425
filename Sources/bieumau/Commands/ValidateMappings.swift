import Forms
import Foundation
import Poverty

/// The mapping files a command uses: forms, links and the poverty standards, from the `Mappings/` folder found by
/// `--mappings`, then `BIEUMAU_MAPPINGS`, then beside the executable (its folder or one above it holding
/// `Mappings/forms`), then the current folder.
struct LoadedMappings {
    var folder: String
    var forms: [FormDefinition]
    var links: [LinkDefinition]
    var registry: CustomRuleRegistry

    /// Finds and loads the mappings; a folder that cannot be found or a file with a mistake is a usage failure
    /// (exit 2) naming the file and line.
    static func load(_ option: String?) throws -> LoadedMappings {
        let folder = try locate(option)
        let standards: PovertyStandards
        do {
            standards = try PovertyStandards.loadBundled(from: folder)
        } catch {
            throw UsageFailure(
                vietnamese: error.rendered(vietnamese: true), english: error.rendered(vietnamese: false))
        }
        let registry = CustomRuleRegistry.poverty(standards: standards)
        let forms: [FormDefinition]
        let links: [LinkDefinition]
        do {
            forms = try MappingLoader.loadForms(
                inFolder: (folder as NSString).appendingPathComponent("forms"), customRules: registry.names)
            let linksPath = (folder as NSString).appendingPathComponent("links.yaml")
            links =
                FileManager.default.fileExists(atPath: linksPath)
                ? try MappingLoader.loadLinks(at: linksPath, forms: forms) : []
        } catch {
            throw UsageFailure(
                vietnamese: "\(error.position): \(error.message.vi)", english: "\(error.position): \(error.message.en)")
        }
        let problems = registry.problems(in: forms)
        if !problems.isEmpty {
            throw UsageFailure(
                vietnamese: problems.map(\.vi).joined(separator: "\n"),
                english: problems.map(\.en).joined(separator: "\n"))
        }
        return LoadedMappings(folder: folder, forms: forms, links: links, registry: registry)
    }

    static func locate(_ option: String?) throws -> String {
        let manager = FileManager.default
        func hasForms(_ folder: String) -> Bool {
            var isFolder: ObjCBool = false
            return manager.fileExists(
                atPath: (folder as NSString).appendingPathComponent("forms"), isDirectory: &isFolder)
                && isFolder.boolValue
        }
        if let option {
            guard hasForms(option) else {
                throw UsageFailure(
                    vietnamese: "--mappings \(option): không có thư mục forms/ trong đó",
                    english: "--mappings \(option): no forms/ folder in it")
            }
            return option
        }
        if let variable = ProcessInfo.processInfo.environment["BIEUMAU_MAPPINGS"], !variable.isEmpty {
            guard hasForms(variable) else {
                throw UsageFailure(
                    vietnamese: "BIEUMAU_MAPPINGS=\(variable): không có thư mục forms/ trong đó",
                    english: "BIEUMAU_MAPPINGS=\(variable): no forms/ folder in it")
            }
            return variable
        }
        let executable =
            (try? manager.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Mappings").path
            if hasForms(candidate) { return candidate }
            let share = folder.appendingPathComponent("share/bieumau/Mappings").path
            if hasForms(share) { return share }
            folder.deleteLastPathComponent()
        }
        let here = (manager.currentDirectoryPath as NSString).appendingPathComponent("Mappings")
        if hasForms(here) { return here }
        throw UsageFailure(
            vietnamese: "không tìm thấy thư mục Mappings/ (chỉ rõ bằng --mappings DIR hoặc BIEUMAU_MAPPINGS)",
            english: "the Mappings/ folder was not found (name it with --mappings DIR or BIEUMAU_MAPPINGS)")
    }
}
