namespace Airadcr.Dicom.Network;

/// <summary>Settings both roles share: PDU size and the timers of PS3.8 (ARTIM) plus read/write timeouts.</summary>
public record DicomAssociationOptions
{
    /// <summary>The largest P-DATA-TF variable field we accept (announced as Maximum Length); longer PDUs abort.</summary>
    public uint MaxPduLength { get; init; } = 256 * 1024;

    /// <summary>ARTIM: how long an A-ASSOCIATE-AC/RJ or A-RELEASE-RP may take to arrive (an acceptor waits for a new
    /// connection's A-ASSOCIATE-RQ for <see cref="Server.DicomServerOptions.AssociationRequestTimeout"/> instead).</summary>
    public TimeSpan AssociationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an established association may stay silent before it is aborted.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one PDU may take to be written (a peer that stops reading is aborted after it).</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string ImplementationClassUid { get; init; } = IO.DicomFileWriter.ImplementationClassUid;

    public string ImplementationVersionName { get; init; } = IO.DicomFileWriter.ImplementationVersionName;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
