/**
 * The broker's link to the controller: registration (a new broker epoch per start), heartbeats,
 * metadata (pushed, or caught up through heartbeat answers) applied by version, and
 * AlterPartition proposals.
 */
import type { NodeContext, TimerHandle } from "../kernel/node";
import type {
  AlterPartitionRequest,
  BrokerHeartbeatRequest,
  BrokerHeartbeatResponse,
  BrokerRegistrationRequest,
  BrokerRegistrationResponse,
} from "../protocol/controllerMessages";
import type { MetadataImage } from "../protocol/metadata";
import type { BrokerDisk } from "../storage/brokerDisk";
import type { BrokerSettings } from "./brokerSettings";

const REGISTRATION_RETRY_MS = 1000;

export class ControllerChannel {
  brokerEpoch = -1;
  private readonly incarnation: number;
  private registrationTimer: TimerHandle | undefined;
  private heartbeatTimer: TimerHandle | undefined;

  constructor(
    private readonly ctx: NodeContext<BrokerDisk>,
    private readonly settings: BrokerSettings,
    private readonly applyMetadata: (image: MetadataImage) => void,
    private readonly metadataVersion: () => number,
  ) {
    this.incarnation = ctx.rng.int(0, 0x7fffffff);
  }

  register(): void {
    this.ctx.cancelTimer(this.heartbeatTimer);
    const request: BrokerRegistrationRequest = {
      type: "BrokerRegistrationRequest",
      brokerId: this.settings.brokerId,
      incarnation: this.incarnation,
    };
    this.ctx.send(this.settings.controllerId, request);
    this.registrationTimer = this.ctx.setTimer(REGISTRATION_RETRY_MS, () => this.register());
  }

  onRegistrationResponse(response: BrokerRegistrationResponse): void {
    if (response.incarnation !== this.incarnation || this.brokerEpoch >= response.brokerEpoch) return;
    this.ctx.cancelTimer(this.registrationTimer);
    this.brokerEpoch = response.brokerEpoch;
    this.ctx.trace("registered", { brokerEpoch: response.brokerEpoch });
    this.applyMetadata(response.metadata);
    this.scheduleHeartbeat();
  }

  onHeartbeatResponse(response: BrokerHeartbeatResponse): void {
    if (response.error === "STALE_BROKER_EPOCH") {
      this.brokerEpoch = -1;
      this.register();
      return;
    }
    if (response.metadata !== undefined) this.applyMetadata(response.metadata);
  }

  sendAlterPartition(request: AlterPartitionRequest): void {
    this.ctx.send(this.settings.controllerId, request);
  }

  private scheduleHeartbeat(): void {
    this.ctx.cancelTimer(this.heartbeatTimer);
    this.heartbeatTimer = this.ctx.setTimer(this.settings.brokerHeartbeatIntervalMs, () => {
      const request: BrokerHeartbeatRequest = {
        type: "BrokerHeartbeatRequest",
        brokerId: this.settings.brokerId,
        brokerEpoch: this.brokerEpoch,
        metadataVersion: this.metadataVersion(),
      };
      this.ctx.send(this.settings.controllerId, request);
      this.scheduleHeartbeat();
    });
  }
}
