namespace Airadcr.Dicom.Cli;

/// <summary>Positional arguments and --name value options.</summary>
internal sealed class CliArguments
{
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public CliArguments(string[] args, params string[] knownOptions)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (!knownOptions.Contains(args[i]) || i + 1 >= args.Length)
                {
                    throw new CliUsageException($"unknown option or missing value: {args[i]}");
                }

                _options[args[i]] = args[++i];
            }
            else
            {
                _positional.Add(args[i]);
            }
        }
    }

    public string Positional(int index, string name) =>
        index < _positional.Count ? _positional[index] : throw new CliUsageException($"missing {name}");

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string RequiredOption(string name) => Option(name) ?? throw new CliUsageException($"missing {name}");

    public void ExpectPositional(int count)
    {
        if (_positional.Count != count)
        {
            throw new CliUsageException($"expected {count} argument(s), got {_positional.Count}");
        }
    }
}
