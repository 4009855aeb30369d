/**
 * A producer instance as the scenario runs it: the application (sending unique values such as
 * `p1-0-000042` at a rate, with keys drawn from a fixed set) and the Kafka producer client inside
 * one process. The application's own progress is durable (like an app checkpoint), so a restarted
 * instance carries on with new values instead of repeating old ones.
 */
import type { ProducerConfig } from "../config/producerConfig";
import type { Durable, Message, NodeContext, SimNode } from "../kernel/node";
import { msToMicros, type Micros } from "../kernel/time";
import type { HistoryRecorder } from "../history/recorder";
import { KafkaProducer } from "../producer/kafkaProducer";

export interface ProducerWorkload {
  readonly topic: string;
  /** Values this instance sends in all. */
  readonly messages: number;
  readonly ratePerSec: number;
  /** Distinct keys; 0 sends null keys. */
  readonly keys: number;
}

export interface ProducerAppSettings {
  /** `p1`: the producer id in the scenario. */
  readonly producerId: string;
  readonly instance: number;
  readonly config: ProducerConfig;
  readonly brokers: readonly string[];
  readonly workload: ProducerWorkload;
  /** The application stops sending at this time (the drain phase). */
  readonly stopAtUs: Micros;
}

export class ProducerAppDisk implements Durable {
  /** The next value number to send. */
  nextValue = 0;

  powerLoss(): void {
    // The application's checkpoint lives elsewhere (it is not the broker's page cache).
  }
}

export function valueName(producerId: string, instance: number, n: number): string {
  return `${producerId}-${instance}-${String(n).padStart(6, "0")}`;
}

export class ProducerApp implements SimNode {
  readonly client: KafkaProducer;
  /** The workload's keys, made once (a send picks one). */
  private readonly keys: readonly string[];
  /** One callback for every tick of the workload, rather than a closure per record. */
  private readonly tick = (): void => {
    this.sendOne();
    this.scheduleNext();
  };

  constructor(
    private readonly ctx: NodeContext<ProducerAppDisk>,
    private readonly settings: ProducerAppSettings,
    history: HistoryRecorder,
  ) {
    this.client = new KafkaProducer(
      ctx,
      {
        clientId: ctx.id,
        config: settings.config,
        brokers: settings.brokers,
        topics: [settings.workload.topic],
      },
      history,
    );
    this.keys = Array.from({ length: settings.workload.keys }, (_, i) => `k${i}`);
  }

  start(): void {
    this.client.start();
    this.scheduleNext();
  }

  onMessage(from: string, message: Message): void {
    this.client.onMessage(from, message);
  }

  private scheduleNext(): void {
    const { workload, stopAtUs } = this.settings;
    if (this.ctx.disk.nextValue >= workload.messages) return;
    const meanMs = 1000 / workload.ratePerSec;
    const delayMs = meanMs * (0.5 + this.ctx.rng.float());
    if (this.ctx.now() + msToMicros(delayMs) >= stopAtUs) return;
    this.ctx.setTimer(delayMs, this.tick);
  }

  private sendOne(): void {
    const { producerId, instance, workload } = this.settings;
    const n = this.ctx.disk.nextValue++;
    const key = workload.keys > 0 ? this.keys[this.ctx.rng.int(0, workload.keys - 1)]! : null;
    this.client.send(workload.topic, key, valueName(producerId, instance, n));
  }
}
