namespace Cross.Core.Ir.Passes;

/// <summary>A transformation of one block. Passes leave dropped instructions as Nop; the pipeline compacts.</summary>
public interface IIrPass
{
    string Name { get; }

    void Run(IrBlock block);
}
