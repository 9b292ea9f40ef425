// The worker side of a bulk run (`bieumau convert --worker`, started by `BulkRunner`): one job line in, one record
// line out, until its standard input closes. Its standard error is the runner's.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Converts the inputs sent on standard input, one at a time.
struct ConversionWorker {
    let options: ConversionOptions

    func serve() {
        StopSignal.installInWorker()
        let converter = ConvertInput(options: options)
        while let line = readLine(strippingNewline: true) {
            guard let job = WorkerJob(line: line) else { continue }
            let record = converter.convert(job.input)
            var bytes = Array(record.line.utf8)
            bytes.append(0x0A)
            let sent = bytes.withUnsafeBytes { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { return false }
                    offset += written
                }
                return true
            }
            if !sent || StopSignal.isRequested { return }
        }
    }
}
