namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// The options of PS3.15 Annex E's Basic Application Level Confidentiality Profile (Table E.1-1's columns), on top of
/// the basic profile, which is always applied. <see cref="Parse"/> reads the CLI form ("basic+retain-uids+...").
/// </summary>
public sealed record DeidentificationOptions
{
    /// <summary>Retain Longitudinal Temporal Information with Full Dates Option: dates and times kept as they are.</summary>
    public bool RetainLongitudinalTemporalFull { get; init; }

    /// <summary>Retain Longitudinal Temporal Information with Modified Dates Option: every DA/DT shifted by one
    /// whole-day offset per patient, derived from the project secret and the original Patient ID.</summary>
    public bool RetainLongitudinalTemporalModified { get; init; }

    public bool RetainPatientCharacteristics { get; init; }

    public bool RetainDeviceIdentity { get; init; }

    public bool RetainInstitutionIdentity { get; init; }

    public bool RetainUids { get; init; }

    public bool RetainSafePrivate { get; init; }

    public bool CleanDescriptors { get; init; }

    public bool CleanStructuredContent { get; init; }

    public bool CleanGraphics { get; init; }

    /// <summary>Clean Pixel Data Option: rectangles blanked in images a rule matches (the only way an image that may
    /// carry burned-in identifiers is accepted).</summary>
    public IReadOnlyList<CleanPixelRule> CleanPixelRules { get; init; } = [];

    /// <summary>The basic profile with no option.</summary>
    public static DeidentificationOptions Basic { get; } = new();

    /// <summary>Reads the CLI form: "basic" followed by "+option" parts, in any order (see <see cref="ProfileNames"/>).</summary>
    /// <exception cref="FormatException">An unknown part, or the two temporal options together.</exception>
    public static DeidentificationOptions Parse(string profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var parts = profile.Split('+', StringSplitOptions.TrimEntries);
        if (parts[0] != "basic")
        {
            throw new FormatException($"a profile starts with 'basic', as in basic+{ProfileNames[1]}; not '{parts[0]}'");
        }

        var options = Basic;
        foreach (var part in parts.Skip(1))
        {
            options = part switch
            {
                "retain-safe-private" => options with { RetainSafePrivate = true },
                "retain-uids" => options with { RetainUids = true },
                "retain-device-identity" => options with { RetainDeviceIdentity = true },
                "retain-institution-identity" => options with { RetainInstitutionIdentity = true },
                "retain-patient-characteristics" => options with { RetainPatientCharacteristics = true },
                "full-dates" => options with { RetainLongitudinalTemporalFull = true },
                "modified-dates" => options with { RetainLongitudinalTemporalModified = true },
                "clean-descriptors" => options with { CleanDescriptors = true },
                "clean-structured-content" => options with { CleanStructuredContent = true },
                "clean-graphics" => options with { CleanGraphics = true },
                _ => throw new FormatException($"unknown profile option '{part}'; known: {string.Join(", ", ProfileNames)}"),
            };
        }

        if (options.RetainLongitudinalTemporalFull && options.RetainLongitudinalTemporalModified)
        {
            throw new FormatException("full-dates and modified-dates exclude each other");
        }

        return options;
    }

    /// <summary>The option names <see cref="Parse"/> knows, in the order of Table E.1-1's columns.</summary>
    public static IReadOnlyList<string> ProfileNames { get; } =
    [
        "retain-safe-private", "retain-uids", "retain-device-identity", "retain-institution-identity",
        "retain-patient-characteristics", "full-dates", "modified-dates", "clean-descriptors",
        "clean-structured-content", "clean-graphics",
    ];
}
