using Cross.Core.Ir;

namespace Cross.Backends.Llvm.Runtime;

/// <summary>
/// The IR helpers a backend's compiled code may call, by index. Compiled code carries the index
/// as a constant; the call trampoline looks the helper up here.
/// </summary>
internal sealed class HelperTable
{
    private readonly Dictionary<IrHelper, int> _indices = new(ReferenceEqualityComparer.Instance);
    private readonly object _lock = new();
    private volatile IrHelper[] _helpers = [];

    public IrHelper this[int index] => _helpers[index];

    public int IndexOf(IrHelper helper)
    {
        lock (_lock)
        {
            if (_indices.TryGetValue(helper, out var index)) return index;
            index = _helpers.Length;
            var grown = new IrHelper[index + 1];
            _helpers.CopyTo(grown, 0);
            grown[index] = helper;
            _helpers = grown;
            _indices.Add(helper, index);
            return index;
        }
    }
}
