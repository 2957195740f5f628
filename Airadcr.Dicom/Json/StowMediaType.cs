using System.Net.Http.Headers;

namespace Airadcr.Dicom.Json;

/// <summary>
/// The media type of a STOW-RS request (PS3.18 §10.5): <c>multipart/related; type="application/dicom"; boundary=...</c>.
/// One reading for every STOW-RS endpoint (the gateway's, the Web's for OHIF): the boundary, or why the type is refused.
/// </summary>
public static class StowMediaType
{
    public const string DicomPart = "application/dicom";

    public enum Problem
    {
        None,

        /// <summary>Not <c>multipart/related</c> (or unreadable).</summary>
        NotMultipartRelated,

        /// <summary>A <c>type</c> parameter other than <c>application/dicom</c>.</summary>
        UnsupportedPartType,

        /// <summary>No boundary, or one longer than RFC 2046's 70 characters.</summary>
        BadBoundary,
    }

    /// <summary>The boundary of <paramref name="contentType"/>; <see cref="Problem.None"/> when it is a STOW-RS body of DICOM parts.</summary>
    public static Problem Parse(string? contentType, out string boundary, out string? reason)
    {
        boundary = "";
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "multipart/related", StringComparison.OrdinalIgnoreCase))
        {
            reason = "the body must be multipart/related; type=\"application/dicom\"";
            return Problem.NotMultipartRelated;
        }
        var type = Parameter(mediaType, "type");
        if (type.Length > 0 && !type.Equals(DicomPart, StringComparison.OrdinalIgnoreCase))
        {
            reason = $"parts of type '{type}' are not stored: only {DicomPart} (Part 10 files)";
            return Problem.UnsupportedPartType;
        }
        boundary = Parameter(mediaType, "boundary");
        if (boundary.Length is 0 or > 70 || string.IsNullOrWhiteSpace(boundary))
        {
            reason = "the multipart boundary is missing or longer than 70 characters";
            return Problem.BadBoundary;
        }
        reason = null;
        return Problem.None;
    }

    private static string Parameter(MediaTypeHeaderValue mediaType, string name) =>
        mediaType.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"') ?? "";
}
