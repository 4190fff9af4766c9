using Cross.Testing;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Threads;

/// <summary>
/// clone3 making a thread by hand (the glibc and qemu-riscv64 installed here do not use or know
/// clone3, so this is checked against known output instead of qemu): the child starts on the
/// given stack with the given TLS pointer and a return value of 0, the parent gets the tid and
/// CLONE_PARENT_SETTID stores it, and CLONE_CHILD_CLEARTID clears and wakes the word on exit.
/// </summary>
public class Clone3Tests
{
    private const string Source = """
        #define _GNU_SOURCE
        #include <linux/futex.h>
        #include <linux/sched.h>
        #include <stdint.h>
        #include <stdio.h>
        #include <sys/syscall.h>
        #include <unistd.h>

        static volatile int clear_word = -1;
        static int parent_word;
        static volatile long child_tp, child_sp_offset;
        static char stack[65536] __attribute__((aligned(16)));

        int main(void) {
            struct clone_args args = {0};
            args.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS
                | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
            args.child_tid = (uintptr_t)&clear_word;
            args.parent_tid = (uintptr_t)&parent_word;
            args.stack = (uintptr_t)stack;
            args.stack_size = sizeof stack;
            args.tls = 0x1234;
            register long a0 __asm__("a0") = (long)&args;
            register long a1 __asm__("a1") = sizeof args;
            register long a2 __asm__("a2") = (long)&child_tp;
            register long a3 __asm__("a3") = (long)&child_sp_offset;
            register long a4 __asm__("a4") = (long)(stack + sizeof stack);
            register long a7 __asm__("a7") = SYS_clone3;
            // The child touches no stack: it records tp and its sp, then exits the thread.
            __asm__ volatile(
                "ecall\n"
                "bnez a0, 1f\n"
                "sd tp, 0(a2)\n"
                "sub t0, a4, sp\n"
                "sd t0, 0(a3)\n"
                "li a0, 0\n"
                "li a7, 93\n"
                "ecall\n"
                "1:\n"
                : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a7) : "t0", "memory");
            long tid = a0;
            if (tid < 0) {
                printf("clone3 failed: %ld\n", tid);
                return 1;
            }
            for (int word; (word = clear_word) != 0;) syscall(SYS_futex, &clear_word, FUTEX_WAIT, word, NULL, NULL, 0);
            printf("parent tid stored: %s; child tp 0x%lx; child sp at the stack top: %s\n",
                parent_word == tid ? "yes" : "no", child_tp, child_sp_offset == 0 ? "yes" : "no");
            return 0;
        }
        """;

    [Theory]
    [InlineData(TestBackendFactory.Interpreter)]
    [InlineData(TestBackendFactory.LlvmTiered)]
    public void Clone3StartsAThread(string backend)
    {
        var missing = GuestProgram.MissingTools;
        Assert.True(missing is null, missing);
        var result = GuestProgram.FromSource("clone3_thread", Source).RunCross(backend: TestBackendFactory.Create(backend));
        Assert.False(result.TimedOut, result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("parent tid stored: yes; child tp 0x1234; child sp at the stack top: yes\n", result.Output);
    }
}
