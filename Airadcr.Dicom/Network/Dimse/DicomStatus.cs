namespace Airadcr.Dicom.Network.Dimse;

/// <summary>DIMSE status codes (PS3.7 annex C) that our services send or interpret.</summary>
public static class DicomStatus
{
    public const ushort Success = 0x0000;
    public const ushort Pending = 0xFF00;
    public const ushort PendingWithWarnings = 0xFF01;
    public const ushort Cancel = 0xFE00;
    public const ushort SopClassNotSupported = 0x0122;
    public const ushort ProcessingFailure = 0x0110;
    public const ushort UnrecognizedOperation = 0x0211;
    public const ushort OutOfResources = 0xA700;
    public const ushort MoveDestinationUnknown = 0xA801;
    public const ushort DataSetDoesNotMatchSopClass = 0xA900;
    public const ushort CannotUnderstand = 0xC000;
    public const ushort SubOperationsWithFailures = 0xB000;

    public static bool IsPending(ushort status) => status is Pending or PendingWithWarnings;

    public static bool IsSuccess(ushort status) => status == Success;

    /// <summary>Warning statuses (0001, 0107, 0116, Bxxx) still mean the operation was done.</summary>
    public static bool IsWarning(ushort status) => status is 0x0001 or 0x0107 or 0x0116 || (status & 0xF000) == 0xB000;
}
