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
    public static DeidentificationOptions Parse(string profile) => throw new NotImplementedException();

    /// <summary>The option names <see cref="Parse"/> knows, in the order of Table E.1-1's columns.</summary>
    public static IReadOnlyList<string> ProfileNames { get; } =
    [
        "retain-safe-private", "retain-uids", "retain-device-identity", "retain-institution-identity",
        "retain-patient-characteristics", "full-dates", "modified-dates", "clean-descriptors",
        "clean-structured-content", "clean-graphics",
    ];
}
