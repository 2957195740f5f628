using System.Text.Json;

namespace Airadcr.Web.Measurements;

/// <summary>Orthanc's STOW-RS answer (PS3.18 10.5.3, DICOM JSON): how many instances it lists as failed.</summary>
public static class StowAnswer
{
    private const string FailedSopSequence = "00081198";

    /// <summary>The items of the Failed SOP Sequence (an empty or absent sequence: none); an unreadable answer counts as one.</summary>
    public static int FailedCount(string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty(FailedSopSequence, out var failed)
                   && failed.TryGetProperty("Value", out var items) && items.ValueKind == JsonValueKind.Array
                ? items.GetArrayLength()
                : 0;
        }
        catch (JsonException)
        {
            return 1;
        }
    }
}
