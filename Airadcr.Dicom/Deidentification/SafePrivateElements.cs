namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// The private elements Retain Safe Private keeps (PS3.15 E.3.10: private attributes known to hold no identifying
/// information). Ours is a short list of acquisition parameters research needs and that are numbers, not text:
/// diffusion b-values and gradient directions of Siemens and GE MR (the role Table E.3.10-1 gives such elements).
/// Every other private element is removed, whatever the option; a kept element keeps its private creator.
/// </summary>
internal static class SafePrivateElements
{
    private static readonly HashSet<(string Creator, ushort Group, byte Element)> Safe =
    [
        ("SIEMENS MR HEADER", 0x0019, 0x0C), // B_value
        ("SIEMENS MR HEADER", 0x0019, 0x0D), // DiffusionDirectionality
        ("SIEMENS MR HEADER", 0x0019, 0x0E), // DiffusionGradientDirection
        ("SIEMENS MR HEADER", 0x0019, 0x27), // B_matrix
        ("GEMS_PARM_01", 0x0043, 0x39),      // slop_int_6..9 (b-value)
        ("GEMS_ACQU_01", 0x0019, 0xBB),      // user data 20-22: diffusion gradient direction
        ("GEMS_ACQU_01", 0x0019, 0xBC),
        ("GEMS_ACQU_01", 0x0019, 0xBD),
    ];

    public static bool IsSafe(DicomDataset dataset, DicomTag tag) =>
        !tag.IsPrivateCreator && tag.Element >= 0x1000
        && dataset.GetPrivateCreator(tag) is { } creator
        && Safe.Contains((creator.Trim(), tag.Group, (byte)tag.Element));
}
