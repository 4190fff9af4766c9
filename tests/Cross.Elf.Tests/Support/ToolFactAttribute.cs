namespace Cross.Elf.Tests.Support;

/// <summary>A fact that is skipped (not failed) when a required host tool is missing.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools)
    {
        var missing = tools.FirstOrDefault(t => HostTools.Find(t) is null);
        if (missing is not null)
        {
            Skip = $"{missing} is not installed";
        }
    }
}
