using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Tomlyn;
using Tomlyn.Model;

namespace Airadcr.ReportApi.Configuration;

/// <summary>config.toml as an IConfiguration source: its keys land under the "Airadcr" section.</summary>
public sealed class TomlConfigurationSource(string path) : IConfigurationSource
{
    public string Path { get; } = path;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new TomlConfigurationProvider(Path);
}

/// <summary>Reads config.toml; a syntax error or an unknown key fails start-up with the file and key named.</summary>
public sealed class TomlConfigurationProvider(string path) : ConfigurationProvider
{
    private static readonly IReadOnlySet<string> KnownKeys = KeysOf(typeof(DesktopOptions), string.Empty);

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(path))
        {
            TomlTable table;
            try
            {
                table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path))
                    ?? throw new InvalidDataException($"{path}: empty document");
            }
            catch (TomlException e)
            {
                throw new InvalidDataException($"{path} is not valid TOML: {e.Message}", e);
            }

            Flatten(table, string.Empty, data);
        }

        Data = data;
    }

    private void Flatten(TomlTable table, string prefix, Dictionary<string, string?> data)
    {
        foreach (var (name, value) in table)
        {
            var key = prefix + name;
            if (value is TomlTable child)
            {
                Flatten(child, key + ":", data);
                continue;
            }

            if (!KnownKeys.Contains(key))
            {
                throw new InvalidDataException($"{path}: unknown key '{key.Replace(':', '.')}'");
            }

            if (value is TomlArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    data[$"{DesktopOptions.SectionName}:{key}:{i.ToString(CultureInfo.InvariantCulture)}"] = Scalar(key, items[i]);
                }

                continue;
            }

            data[DesktopOptions.SectionName + ":" + key] = Scalar(key, value);
        }
    }

    private string Scalar(string key, object? value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s,
        _ => throw new InvalidDataException($"{path}: key '{key.Replace(':', '.')}' has an unsupported value type"),
    };

    private static HashSet<string> KeysOf(Type type, string prefix)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name is not { } name)
            {
                continue;
            }

            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsArray)
            {
                keys.UnionWith(KeysOf(property.PropertyType, prefix + name + ":"));
            }
            else
            {
                keys.Add(prefix + name);
            }
        }

        return keys;
    }
}
