namespace Airadcr.Dicom.Network.Pdus;

/// <summary>Encodes PDUs, header included, as PS3.8 section 9.3 lays them out.</summary>
public static class PduEncoder
{
    public static byte[] Encode(Pdu pdu)
    {
        var builder = new PduBuilder();
        builder.WriteByte((byte)pdu.Type);
        builder.WriteByte(0);
        var length = builder.BeginLength(4);
        switch (pdu)
        {
            case AssociateRequestPdu rq:
                WriteAssociateHeader(builder, rq.ProtocolVersion, rq.CalledAe, rq.CallingAe, rq.ApplicationContextName);
                foreach (var pc in rq.PresentationContexts)
                {
                    WriteProposal(builder, pc);
                }

                WriteUserInformation(builder, rq.UserInformation);
                break;
            case AssociateAcceptPdu ac:
                WriteAssociateHeader(builder, ac.ProtocolVersion, ac.CalledAe, ac.CallingAe, ac.ApplicationContextName);
                foreach (var pc in ac.PresentationContexts)
                {
                    WriteResult(builder, pc);
                }

                WriteUserInformation(builder, ac.UserInformation);
                break;
            case AssociateRejectPdu rj:
                WriteFourBytes(builder, 0, (byte)rj.Result, (byte)rj.Source, (byte)rj.Reason);
                break;
            case DataTransferPdu data:
                foreach (var pdv in data.Values)
                {
                    builder.WriteUInt32((uint)(pdv.Data.Length + 2));
                    builder.WriteByte(pdv.PresentationContextId);
                    builder.WriteByte(pdv.ControlHeader);
                    builder.WriteBytes(pdv.Data.Span);
                }

                break;
            case ReleaseRequestPdu or ReleaseResponsePdu:
                builder.WriteZeros(4);
                break;
            case AbortPdu abort:
                WriteFourBytes(builder, 0, 0, (byte)abort.Source, (byte)abort.Reason);
                break;
            default:
                throw new ArgumentException($"Unknown PDU {pdu.GetType().Name}.", nameof(pdu));
        }

        builder.EndLength(length, 4);
        return builder.ToArray();
    }

    private static void WriteFourBytes(PduBuilder builder, byte a, byte b, byte c, byte d)
    {
        builder.WriteByte(a);
        builder.WriteByte(b);
        builder.WriteByte(c);
        builder.WriteByte(d);
    }

    private static void WriteAssociateHeader(PduBuilder builder, ushort version, string called, string calling, string context)
    {
        builder.WriteUInt16(version);
        builder.WriteZeros(2);
        builder.WriteAeTitle(called);
        builder.WriteAeTitle(calling);
        builder.WriteZeros(32);
        WriteUidItem(builder, ItemType.ApplicationContext, context);
    }

    private static void WriteProposal(PduBuilder builder, PresentationContextProposal pc)
    {
        var mark = BeginItem(builder, ItemType.PresentationContextRequest);
        WriteFourBytes(builder, pc.Id, 0, 0, 0);
        WriteUidItem(builder, ItemType.AbstractSyntax, pc.AbstractSyntax);
        foreach (var ts in pc.TransferSyntaxes)
        {
            WriteUidItem(builder, ItemType.TransferSyntax, ts);
        }

        builder.EndLength(mark, 2);
    }

    private static void WriteResult(PduBuilder builder, PresentationContextResult pc)
    {
        var mark = BeginItem(builder, ItemType.PresentationContextAccept);
        WriteFourBytes(builder, pc.Id, 0, (byte)pc.Outcome, 0);
        WriteUidItem(builder, ItemType.TransferSyntax, pc.TransferSyntax);
        builder.EndLength(mark, 2);
    }

    private static void WriteUserInformation(PduBuilder builder, UserInformation info)
    {
        var mark = BeginItem(builder, ItemType.UserInformation);
        var max = BeginItem(builder, ItemType.MaxLength);
        builder.WriteUInt32(info.MaxPduLength);
        builder.EndLength(max, 2);
        if (info.ImplementationClassUid is { } classUid)
        {
            WriteUidItem(builder, ItemType.ImplementationClassUid, classUid);
        }

        if (info.AsyncOperations is { } window)
        {
            var async = BeginItem(builder, ItemType.AsyncOperationsWindow);
            builder.WriteUInt16(window.MaxInvoked);
            builder.WriteUInt16(window.MaxPerformed);
            builder.EndLength(async, 2);
        }

        foreach (var role in info.RoleSelections)
        {
            var item = BeginItem(builder, ItemType.RoleSelection);
            var uidLength = builder.BeginLength(2);
            builder.WriteAscii(role.SopClassUid);
            builder.EndLength(uidLength, 2);
            builder.WriteByte(role.ScuRole ? (byte)1 : (byte)0);
            builder.WriteByte(role.ScpRole ? (byte)1 : (byte)0);
            builder.EndLength(item, 2);
        }

        if (info.ImplementationVersionName is { } versionName)
        {
            WriteUidItem(builder, ItemType.ImplementationVersionName, versionName);
        }

        builder.EndLength(mark, 2);
    }

    private static void WriteUidItem(PduBuilder builder, ItemType type, string value)
    {
        var mark = BeginItem(builder, type);
        builder.WriteAscii(value);
        builder.EndLength(mark, 2);
    }

    private static int BeginItem(PduBuilder builder, ItemType type)
    {
        builder.WriteByte((byte)type);
        builder.WriteByte(0);
        return builder.BeginLength(2);
    }
}
