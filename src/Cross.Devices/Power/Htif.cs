using Cross.Core.Memory;
using Cross.Devices.Memory;
using Cross.Devices.Serial;

namespace Cross.Devices.Power;

/// <summary>
/// The Berkeley Host-Target Interface as Spike's front-end server implements it: the guest writes
/// a command to the 64-bit <c>tohost</c> word in its own RAM (found through the ELF symbol) and
/// the host answers in <c>fromhost</c>. Commands are device (bits 63:56), command (55:48) and
/// payload (47:0). Device 0 command 0 with payload bit 0 set is exit (code = payload >> 1, the
/// riscv-tests pass/fail convention); without it, the payload points at a syscall block
/// (<c>magic_mem</c>) of which write and exit are served. Device 1 is the console: command 1 puts
/// a character, command 0 asks for one. There is no register window, so the machine polls
/// between time slices; <see cref="Bind"/> names the two words once the ELF is loaded.
/// </summary>
public sealed class Htif(PhysicalBus bus) : IPolledDevice, IPowerController, ISerialPort
{
    private const ulong SysWrite = 64, SysExit = 93;
    private const long ENoSys = -38;

    private readonly GuestRam _memory = new(bus);
    private ulong? _tohost, _fromhost;
    private bool _readPending;

    public event Action<ShutdownRequest>? ShutdownRequested;

    public event Action<byte>? Transmitted;

    public SerialInput Input { get; } = new();

    public bool IsBound => _tohost is not null;

    /// <summary>Points the device at the guest's mailbox words (ELF symbols tohost and fromhost).</summary>
    public void Bind(ulong tohost, ulong? fromhost)
    {
        _tohost = tohost;
        _fromhost = fromhost;
    }

    public void Poll()
    {
        if (_tohost is not { } tohost) return;
        try
        {
            var command = _memory.ReadU64(tohost);
            if (command != 0)
            {
                _memory.WriteU64(tohost, 0); // the host takes the command, as fesvr does
                Execute(command);
            }
            AnswerRead();
        }
        catch (GuestMemoryFaultException)
        {
            // A tohost symbol outside RAM cannot carry commands; nothing to do.
        }
    }

    private void Execute(ulong command)
    {
        var device = command >> 56;
        var code = (command >> 48) & 0xFF;
        var payload = command & 0xFFFF_FFFF_FFFFUL;
        switch (device, code)
        {
            case (0, 0) when (payload & 1) != 0:
                Exit((int)(payload >> 1));
                break;
            case (0, 0):
                Syscall(payload);
                Respond(command, 1);
                break;
            case (1, 1):
                Transmitted?.Invoke((byte)payload);
                break;
            case (1, 0):
                _readPending = true;
                break;
        }
    }

    private void Exit(int code) =>
        ShutdownRequested?.Invoke(code == 0 ? new ShutdownRequest(ShutdownKind.Pass, 0) : new ShutdownRequest(ShutdownKind.Fail, code));

    /// <summary>The proxied-syscall block: eight u64 words, number then arguments; the result goes in word 0.</summary>
    private void Syscall(ulong block)
    {
        var number = _memory.ReadU64(block);
        var a0 = _memory.ReadU64(block + 8);
        var a1 = _memory.ReadU64(block + 16);
        var a2 = _memory.ReadU64(block + 24);
        long result;
        if (number == SysWrite && a0 is 1 or 2)
        {
            var length = (int)Math.Min(a2, 1 << 20);
            var bytes = new byte[length];
            _memory.Read(a1, bytes);
            foreach (var value in bytes) Transmitted?.Invoke(value);
            result = length;
        }
        else if (number == SysExit)
        {
            Exit((int)a0);
            result = 0;
        }
        else
        {
            result = ENoSys;
        }
        _memory.WriteU64(block, (ulong)result);
    }

    private void AnswerRead()
    {
        if (!_readPending || _fromhost is not { } fromhost || _memory.ReadU64(fromhost) != 0) return;
        if (!Input.TryTake(out var value)) return;
        _readPending = false;
        // fesvr answers a console read with 0x100 | character, so 0 never means "no answer".
        _memory.WriteU64(fromhost, 1UL << 56 | 0x100UL | value);
    }

    private void Respond(ulong command, ulong response)
    {
        if (_fromhost is { } fromhost) _memory.WriteU64(fromhost, command >> 48 << 48 | response & 0xFFFF_FFFF_FFFFUL);
    }
}
