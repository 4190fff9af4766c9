using System.Runtime.InteropServices;
using Cross.Backends.Llvm.Interop;

namespace Cross.Backends.Llvm.Runtime;

/// <summary>Byte offsets of the <see cref="RuntimeBlock"/> fields, as generated code addresses them.</summary>
internal static class RuntimeLayout
{
    public static readonly int Status = Offset(nameof(RuntimeBlock.Status));
    public static readonly int NextPc = Offset(nameof(RuntimeBlock.NextPc));
    public static readonly int TrapKind = Offset(nameof(RuntimeBlock.TrapKind));
    public static readonly int TrapPc = Offset(nameof(RuntimeBlock.TrapPc));
    public static readonly int Detail = Offset(nameof(RuntimeBlock.Detail));
    public static readonly int MemoryBase = Offset(nameof(RuntimeBlock.MemoryBase));
    public static readonly int MemorySize = Offset(nameof(RuntimeBlock.MemorySize));
    public static readonly int PagePermissions = Offset(nameof(RuntimeBlock.PagePermissions));
    public static readonly int PageOwnPermissions = Offset(nameof(RuntimeBlock.PageOwnPermissions));
    public static readonly int Budget = Offset(nameof(RuntimeBlock.Budget));
    public static readonly int Scratch = Offset(nameof(RuntimeBlock.Scratch0));
    public static readonly int PcOffset = Offset(nameof(RuntimeBlock.PcOffset));
    public static readonly int LastExit = Offset(nameof(RuntimeBlock.LastExit));
    public static readonly int JumpCache = Offset(nameof(RuntimeBlock.JumpCache));
    public static readonly int DispatchFlags = Offset(nameof(RuntimeBlock.DispatchFlags));

    private static int Offset(string field) => (int)Marshal.OffsetOf<RuntimeBlock>(field);
}
