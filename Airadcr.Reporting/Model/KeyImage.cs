namespace Airadcr.Reporting.Model;

/// <summary>
/// A key image already rendered for display (default window applied), as 8-bit grayscale, row by row.
/// Findings whose region references <see cref="SopInstanceUid"/> (and <see cref="Frame"/>) are drawn over it.
/// </summary>
public sealed record KeyImage(string SopInstanceUid, int? Frame, int Width, int Height, ReadOnlyMemory<byte> Gray8Pixels)
{
    public bool Shows(ImageRegion region) =>
        region.SopInstanceUid == SopInstanceUid && (region.Frame ?? 1) == (Frame ?? 1);
}
