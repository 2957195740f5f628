namespace Airadcr.Dicom.Network.Pdus;

/// <summary>Application entity titles (PS3.5 AE VR): 1-16 characters of the default repertoire, no backslash,
/// no control characters, not only spaces.</summary>
public static class AeTitle
{
    public const int MaxLength = 16;

    public static bool IsValid(string? aeTitle) =>
        !string.IsNullOrWhiteSpace(aeTitle) && aeTitle.Length <= MaxLength &&
        aeTitle.All(c => c is >= ' ' and <= '~' and not '\\');

    public static void Validate(string aeTitle)
    {
        if (!IsValid(aeTitle))
        {
            throw new ArgumentException($"'{aeTitle}' is not a valid AE title (1-16 printable characters, no backslash).", nameof(aeTitle));
        }
    }
}
