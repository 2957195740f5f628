using Airadcr.Dicom.Network.Dimse;

namespace Airadcr.Dicom.Network.Server;

/// <summary>How a failure while storing becomes a status on the wire (never a dropped connection).</summary>
public static class StoreStatusMapping
{
    public static StoreOutcome FromException(Exception exception) => exception switch
    {
        Storage.DataSetTooLargeException => new(DicomStatus.OutOfResources, "data set larger than allowed"),
        IOException or UnauthorizedAccessException => new(DicomStatus.OutOfResources, "storage unavailable"),
        DicomFormatException => new(DicomStatus.CannotUnderstand, "data set cannot be parsed"),
        NotSupportedException => new(DicomStatus.SopClassNotSupported, "not supported"),
        _ => new(DicomStatus.CannotUnderstand, "processing failure"),
    };
}
