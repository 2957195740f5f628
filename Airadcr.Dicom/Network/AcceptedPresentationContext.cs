namespace Airadcr.Dicom.Network;

/// <summary>A presentation context both sides agreed on.</summary>
public sealed record AcceptedPresentationContext(byte Id, string AbstractSyntax, DicomTransferSyntax TransferSyntax);
