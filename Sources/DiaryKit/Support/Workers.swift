#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs work on threads of our own, with stacks large enough for what a note can nest.
///
/// Dispatch's worker threads have 512 KiB stacks. Rendering recurses as deep as a note
/// nests (calc expressions 200 levels, YAML 64, TeX and templates 64 and more), and a
/// debug build's frames are large: 64 MiB per thread is reserved address space, touched
/// only as deep as the recursion really goes.
enum Workers {
    static let stackSize = 64 << 20

    /// Calls `body(worker)` on `count` threads at once and returns when all are done; on
    /// a system that refuses a thread, the remaining calls run on the calling thread.
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        var threads: [pthread_t] = []
        for worker in 0..<max(1, count) {
            let context = Unmanaged.passRetained(Job(worker: worker, body: body))
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            pthread_attr_setstacksize(&attributes, stackSize)
            #if canImport(Glibc)
            var thread = pthread_t()
            #else
            var thread: pthread_t?
            #endif
            let status = pthread_create(&thread, &attributes, { raw in
                guard let raw else { return nil }
                let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
                job.body(job.worker)
                return nil
            }, context.toOpaque())
            pthread_attr_destroy(&attributes)
            let created: pthread_t? = status == 0 ? thread : nil
            if let created {
                threads.append(created)
            } else {
                context.release()
                body(worker)
            }
        }
        for thread in threads { pthread_join(thread, nil) }
    }

    private final class Job: @unchecked Sendable {
        let worker: Int
        let body: @Sendable (Int) -> Void
        init(worker: Int, body: @escaping @Sendable (Int) -> Void) {
            self.worker = worker
            self.body = body
        }
    }
}
