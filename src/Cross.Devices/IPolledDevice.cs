namespace Cross.Devices;

/// <summary>
/// A device with host-side work that cannot arrive through its registers, such as bytes typed on
/// the host console or an HTIF mailbox in guest RAM. The machine calls <see cref="Poll"/> on its
/// own thread between time slices, so the device never raises interrupts from a host thread.
/// </summary>
public interface IPolledDevice
{
    void Poll();
}
