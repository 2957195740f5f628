namespace Airadcr.AppHost.Hosting;

/// <summary>The resource table printed once the graph is up: name, state (and why), addresses.</summary>
internal static class ResourceTable
{
    public static void Write(TextWriter output, IReadOnlyList<Resource> resources)
    {
        var width = Math.Max(10, resources.Max(r => r.Name.Length));
        output.WriteLine();
        output.WriteLine($"{"Resource".PadRight(width)}  {"State",-10}  Endpoints");
        output.WriteLine(new string('-', width + 60));
        foreach (var resource in resources)
        {
            var urls = resource.Urls().Select(u => $"{u.Label}: {u.Address}").ToList();
            var state = resource.State.ToString();
            output.WriteLine($"{resource.Name.PadRight(width)}  {state,-10}  {(urls.Count > 0 ? urls[0] : resource.StateDetail ?? "")}");
            foreach (var url in urls.Skip(1))
            {
                output.WriteLine($"{"".PadRight(width)}  {"",-10}  {url}");
            }
            if (urls.Count > 0 && resource.StateDetail is { } detail)
            {
                output.WriteLine($"{"".PadRight(width)}  {"",-10}  {detail}");
            }
        }
        output.WriteLine();
    }
}
