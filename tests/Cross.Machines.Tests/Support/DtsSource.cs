namespace Cross.Machines.Tests.Support;

/// <summary>
/// The decompiled device tree as dtc prints it, read into node path -> property name -> value
/// text. dtc prints one node header or property per line, so a line reader is enough.
/// </summary>
public sealed class DtsSource
{
    public Dictionary<string, Dictionary<string, string>> Nodes { get; } = new();

    public static DtsSource Parse(string text)
    {
        var source = new DtsSource();
        var path = new Stack<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("/dts-v1/") || line.StartsWith("/memreserve/")) continue;
            if (line.EndsWith('{'))
            {
                var name = line[..^1].Trim();
                var full = name == "/" ? "/" : (path.Count == 0 || path.Peek() == "/" ? "/" : path.Peek() + "/") + name;
                path.Push(full);
                source.Nodes[full] = new Dictionary<string, string>();
            }
            else if (line == "};")
            {
                path.Pop();
            }
            else
            {
                Assert.EndsWith(";", line);
                var body = line[..^1];
                var equals = body.IndexOf(" = ", StringComparison.Ordinal);
                var (key, value) = equals < 0 ? (body, "") : (body[..equals], body[(equals + 3)..]);
                source.Nodes[path.Peek()][key] = value;
            }
        }
        return source;
    }
}
