namespace Airadcr.Dicom.Network.Dimse;

/// <summary>A DIMSE operation that ended with a failure status.</summary>
public sealed class DimseStatusException(DimseCommand response)
    : Exception($"{response.Field} failed with status 0x{response.Status:X4}{(response.ErrorComment is { } c ? $": {c}" : string.Empty)}.")
{
    public DimseCommand Response { get; } = response;

    public ushort Status => Response.Status;
}
