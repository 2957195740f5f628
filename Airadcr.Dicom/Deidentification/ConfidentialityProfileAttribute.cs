using System.Globalization;

namespace Airadcr.Dicom.Deidentification;

/// <summary>One row of Table E.1-1: the tag (or a pattern such as "(50xx,xxxx)", "(60xx,3000)" or the private rule
/// "(gggg,eeee) odd gggg"), its name, the basic profile's action and each option column's action.</summary>
internal sealed record ConfidentialityProfileAttribute(
    string Pattern,
    string Name,
    ProfileAction Basic,
    ProfileAction RetainSafePrivate,
    ProfileAction RetainUids,
    ProfileAction RetainDeviceIdentity,
    ProfileAction RetainInstitutionIdentity,
    ProfileAction RetainPatientCharacteristics,
    ProfileAction RetainLongitudinalFull,
    ProfileAction RetainLongitudinalModified,
    ProfileAction CleanDescriptors,
    ProfileAction CleanStructuredContent,
    ProfileAction CleanGraphics)
{
    public const string PrivatePattern = "(gggg,eeee) odd gggg";

    /// <summary>The tag bits that must equal <see cref="Value"/> (an "x" digit is free).</summary>
    public uint Mask { get; } = PatternBits(Pattern, 'F');

    public uint Value { get; } = PatternBits(Pattern, '0');

    public bool IsExact => Mask == uint.MaxValue;

    /// <summary>
    /// The action under <paramref name="options"/>: an option that keeps (K) wins over one that cleans (C), which
    /// wins over the basic profile. Retain UIDs keeps every UID the basic profile replaces (U, X/Z/U*), (0040,A124)
    /// UID included, whose cell in that column the table leaves empty: one UID kept and its reference remapped
    /// would break the references the option exists to keep.
    /// </summary>
    public ProfileAction ActionFor(DeidentificationOptions options)
    {
        ReadOnlySpan<ProfileAction> chosen =
        [
            options.RetainSafePrivate ? RetainSafePrivate : ProfileAction.No,
            options.RetainUids ? RetainUids : ProfileAction.No,
            options.RetainDeviceIdentity ? RetainDeviceIdentity : ProfileAction.No,
            options.RetainInstitutionIdentity ? RetainInstitutionIdentity : ProfileAction.No,
            options.RetainPatientCharacteristics ? RetainPatientCharacteristics : ProfileAction.No,
            options.RetainLongitudinalTemporalFull ? RetainLongitudinalFull : ProfileAction.No,
            options.RetainLongitudinalTemporalModified ? RetainLongitudinalModified : ProfileAction.No,
            options.CleanDescriptors ? CleanDescriptors : ProfileAction.No,
            options.CleanStructuredContent ? CleanStructuredContent : ProfileAction.No,
            options.CleanGraphics ? CleanGraphics : ProfileAction.No,
        ];
        if (chosen.Contains(ProfileAction.K) || (options.RetainUids && Basic is ProfileAction.U or ProfileAction.XZU))
        {
            return ProfileAction.K;
        }

        return chosen.Contains(ProfileAction.C) ? ProfileAction.C : Basic;
    }

    public bool Matches(DicomTag tag) => Pattern == PrivatePattern ? tag.IsPrivate : (tag.Value & Mask) == Value;

    private static uint PatternBits(string pattern, char free)
    {
        if (pattern == PrivatePattern)
        {
            return 0;
        }

        var digits = string.Concat(pattern.AsSpan(1, 4), pattern.AsSpan(6, 4));
        var bits = digits.Select(c => c is 'x' ? free : c).ToArray();
        var value = uint.Parse(bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (free == '0')
        {
            return value;
        }

        // The mask: F where the pattern has a digit, 0 where it has an x.
        var mask = 0u;
        foreach (var c in digits)
        {
            mask = (mask << 4) | (c == 'x' ? 0u : 0xFu);
        }

        return mask;
    }
}
