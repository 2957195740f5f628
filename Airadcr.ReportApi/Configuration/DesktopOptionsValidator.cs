using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.Configuration;

/// <summary>Validates the settings with their data annotations, naming each failure by its config.toml key.</summary>
public sealed class DesktopOptionsValidator : IValidateOptions<DesktopOptions>
{
    public ValidateOptionsResult Validate(string? name, DesktopOptions options)
    {
        var failures = new List<string>();
        Collect(options, string.Empty, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object instance, string prefix, List<string> failures)
    {
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name is not { } key)
            {
                continue;
            }

            var value = property.GetValue(instance);
            if (value is TeoHubOptions nested)
            {
                Collect(nested, prefix + key + ".", failures);
                continue;
            }

            var results = new List<ValidationResult>();
            var context = new ValidationContext(instance) { MemberName = property.Name, DisplayName = prefix + key };
            if (!Validator.TryValidateProperty(value, context, results))
            {
                failures.AddRange(results.Select(r => $"config key '{prefix + key}' is invalid: {r.ErrorMessage}"));
            }
        }
    }
}
