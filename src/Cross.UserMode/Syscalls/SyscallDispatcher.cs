using System.Text;
using Cross.Core.Memory;

namespace Cross.UserMode.Syscalls;

/// <summary>
/// Reads a system call from the guest's registers, runs its handler and writes the result back.
/// Unknown numbers answer -ENOSYS with one warning per number; --strace logs each call.
/// </summary>
internal sealed class SyscallDispatcher
{
    private readonly UserModeProcess _process;
    private readonly SyscallTable _table;
    private readonly TextWriter? _strace;
    private readonly HashSet<int> _warned = new();

    public SyscallDispatcher(UserModeProcess process, SyscallTable table, TextWriter? strace)
    {
        _process = process;
        _table = table;
        _strace = strace;
    }

    public SyscallTable Table => _table;

    public void Dispatch(GuestThread thread)
    {
        var abi = _process.Abi;
        var state = thread.Context.State;
        var number = abi.GetSyscallNumber(state);
        Span<ulong> arguments = stackalloc ulong[6];
        for (var i = 0; i < arguments.Length; i++) arguments[i] = abi.GetSyscallArgument(state, i);
        var call = thread.Call;
        call.Reset(number, arguments);

        var entry = _table.Lookup(number);
        var traced = _strace is null ? null : FormatCall(thread.Tid, number, entry, arguments);
        long result;
        if (entry is null)
        {
            WarnOnce(number);
            result = -Errno.ENOSYS;
        }
        else
        {
            try
            {
                result = entry.Handler(call);
            }
            catch (GuestMemoryFaultException)
            {
                result = -Errno.EFAULT;
            }
        }

        if (result == -Errno.ERestartSys && !Restart(thread)) result = -Errno.EINTR;
        if (traced is not null) Trace(traced, entry, result, call);
        if (!call.KeepRegisters && !_process.HasExited) abi.SetSyscallResult(state, result);
    }

    /// <summary>
    /// An interrupted call restarts when the signal about to be handled has SA_RESTART: the PC goes
    /// back to the system call instruction (4 bytes on riscv64 and aarch64) and the argument
    /// registers are left as they were, so the call runs again once the handler returns.
    /// </summary>
    private bool Restart(GuestThread thread)
    {
        var pending = _process.Signals.PendingFor(thread).Except(thread.BlockedSignals);
        if (pending.IsEmpty || _process.HasExited) return false;
        var signal = System.Numerics.BitOperations.TrailingZeroCount(pending.Bits) + 1;
        var action = _process.Signals.GetAction(signal);
        if (action.IsDefault || action.IsIgnore || (action.Flags & Signals.SignalActionFlags.Restart) == 0) return false;
        thread.Context.Pc -= 4;
        thread.Call.KeepRegisters = true;
        return true;
    }

    private void WarnOnce(int number)
    {
        lock (_warned)
        {
            if (!_warned.Add(number)) return;
        }
        var name = _table.NameOf(number);
        _process.Warn(name is null ? $"unsupported syscall {number}" : $"unsupported syscall {number} ({name})");
    }

    private string FormatCall(int tid, int number, SyscallEntry? entry, ReadOnlySpan<ulong> arguments)
    {
        var text = new StringBuilder();
        text.Append(tid).Append(' ').Append(entry?.Name ?? _table.NameOf(number) ?? $"syscall_{number}").Append('(');
        var count = entry?.ArgumentCount ?? 6;
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(',');
            var value = arguments[i];
            switch (entry?.Signature[i] ?? 'x')
            {
                case 'd': text.Append((int)value); break;
                case 'u': text.Append(value); break;
                case 'o': text.Append('0').Append(Convert.ToString((long)(value & 0xFFFFFFFF), 8)); break;
                case 's':
                    var s = _process.Memory.Space.TryReadString(value, 256);
                    if (s is null) text.Append("0x").Append(value.ToString("x"));
                    else text.Append('"').Append(s.Replace("\n", "\\n")).Append('"');
                    break;
                default: text.Append("0x").Append(value.ToString("x")); break;
            }
        }
        return text.Append(')').ToString();
    }

    private void Trace(string call, SyscallEntry? entry, long result, SyscallCall state)
    {
        string outcome;
        if ((_process.HasExited || state.Thread.HasExited) && entry?.Name is "exit" or "exit_group") outcome = "?";
        else if (state.KeepRegisters) outcome = "?";
        else if (result < 0 && result >= -4095) outcome = $"-1 {Errno.Name((int)-result)}";
        else if (entry?.HexResult == true) outcome = $"0x{result:x}";
        else outcome = result.ToString();
        lock (_strace!) _strace.WriteLine($"{call} = {outcome}");
    }
}
